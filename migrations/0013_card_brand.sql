-- Print formats beyond the first two, and a location's brand on its cards.
--
-- batches.format keeps its CHECK (a6, a4-4up): rebuilding the table would mean dropping the
-- triggers that keep daily figures. A batch in a newer format stores it in print_format, and
-- format holds the nearest old one ('a6'), so older readers still see a valid value.
ALTER TABLE batches ADD COLUMN print_format TEXT
  CHECK (print_format IS NULL OR print_format IN ('a6-print', 'roll-80', 'roll-58'));

-- Brand colour ('#RRGGBB'), back-side text and logo of a location, in a table of their own so
-- that reading locations never loads a logo. The logo (PNG or JPEG, at most 512 KB) lives in
-- D1 next to the rest: one database to back up and restore, no second binding to configure,
-- and a row holds up to 2 MB.
CREATE TABLE location_brand (
  location_id INTEGER PRIMARY KEY REFERENCES locations(id) ON DELETE CASCADE,
  brand_color TEXT CHECK (brand_color IS NULL OR brand_color GLOB '#[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]'),
  back_text TEXT,
  logo BLOB,
  logo_type TEXT CHECK (logo_type IS NULL OR logo_type IN ('image/png', 'image/jpeg')),
  logo_width INTEGER,
  logo_height INTEGER,
  updated_at INTEGER NOT NULL
);
