-- Reviews that arrive by themselves: forwarded notification e-mails and the Google Business
-- Profile API, next to the CSV imports already in `reviews`.
--
-- * Every stored review carries its source and a key within that source (an e-mail's Message-ID,
--   a Google review's name), so one review is stored once however often it arrives. The
--   fingerprint of an ingested review is "<source>:<key>" and keeps the old uniqueness rule.
-- * rating_exact = 0: the owner confirmed only "4-5" or "1-3" for a notification that stated no
--   rating; such a review counts as positive or not but stays out of the average rating.
-- * counted = 0: the owner let a quick-form count of the same day stand instead (no double count).

ALTER TABLE reviews ADD COLUMN source TEXT NOT NULL DEFAULT 'import' CHECK (source IN ('import', 'email', 'google'));
ALTER TABLE reviews ADD COLUMN source_key TEXT;
ALTER TABLE reviews ADD COLUMN rating_exact INTEGER NOT NULL DEFAULT 1 CHECK (rating_exact IN (0, 1));
ALTER TABLE reviews ADD COLUMN counted INTEGER NOT NULL DEFAULT 1 CHECK (counted IN (0, 1));
ALTER TABLE reviews ADD COLUMN updated_at INTEGER;
-- A quick-form count the owner let stand over the reviews that arrived for the same days:
-- those reviews, and any that arrive later for those days, are not counted.
ALTER TABLE review_counts ADD COLUMN stands TEXT CHECK (stands IS NULL OR stands = 'form');
CREATE UNIQUE INDEX reviews_source_key ON reviews(source, source_key) WHERE source_key IS NOT NULL;
CREATE INDEX reviews_source_created ON reviews(location_id, source, created_at);

-- The aggregates follow what counts: counted rows, and the average only from exact ratings.
DROP TRIGGER daily_reviews_insert;
DROP TRIGGER daily_reviews_delete;

CREATE TRIGGER daily_reviews_insert AFTER INSERT ON reviews WHEN NEW.counted = 1 BEGIN
  INSERT INTO daily_reviews (day, location_id, positive, total, rating_sum, rating_n)
  VALUES (NEW.day, NEW.location_id, NEW.rating >= 4, 1, NEW.rating * NEW.rating_exact, NEW.rating_exact)
  ON CONFLICT (day, location_id) DO UPDATE SET
    positive = positive + excluded.positive, total = total + 1,
    rating_sum = rating_sum + excluded.rating_sum, rating_n = rating_n + excluded.rating_n;
END;

CREATE TRIGGER daily_reviews_delete AFTER DELETE ON reviews WHEN OLD.counted = 1 BEGIN
  UPDATE daily_reviews SET positive = positive - (OLD.rating >= 4), total = total - 1,
         rating_sum = rating_sum - OLD.rating * OLD.rating_exact, rating_n = rating_n - OLD.rating_exact
   WHERE day = OLD.day AND location_id = OLD.location_id;
END;

-- An edited Google review, a confirmed rating or a change of what counts: the old row out, the new in.
CREATE TRIGGER daily_reviews_update AFTER UPDATE OF day, location_id, rating, rating_exact, counted ON reviews BEGIN
  UPDATE daily_reviews SET positive = positive - (OLD.rating >= 4), total = total - 1,
         rating_sum = rating_sum - OLD.rating * OLD.rating_exact, rating_n = rating_n - OLD.rating_exact
   WHERE OLD.counted = 1 AND day = OLD.day AND location_id = OLD.location_id;
  INSERT INTO daily_reviews (day, location_id, positive, total, rating_sum, rating_n)
  SELECT NEW.day, NEW.location_id, NEW.rating >= 4, 1, NEW.rating * NEW.rating_exact, NEW.rating_exact WHERE NEW.counted = 1
  ON CONFLICT (day, location_id) DO UPDATE SET
    positive = positive + excluded.positive, total = total + 1,
    rating_sum = rating_sum + excluded.rating_sum, rating_n = rating_n + excluded.rating_n;
END;

-- One row per review notification e-mail received, by its Message-ID (idempotence), whatever
-- became of it. Only what confirming needs is kept: platform, location, day, rating, subject and
-- the first 200 characters of the text; the retention sweep erases subject and excerpt.
-- status: stored (a review was stored at once), pending (the owner must confirm), or the
-- owner's verdict: positive, negative, not_review.
CREATE TABLE review_mails (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  platform TEXT NOT NULL,
  location_id INTEGER REFERENCES locations(id),
  day TEXT NOT NULL,
  rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  subject TEXT,
  excerpt TEXT,
  status TEXT NOT NULL CHECK (status IN ('stored', 'pending', 'positive', 'negative', 'not_review')),
  received_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT
);
CREATE INDEX review_mails_pending ON review_mails(status, received_at);
CREATE INDEX review_mails_location ON review_mails(location_id, received_at);

-- Mails that reached the review address but were not review notifications, counted per day
-- (the owner sees "3 писем не о отзывах"); nothing of them is kept.
CREATE TABLE review_mail_ignored (
  day TEXT PRIMARY KEY,
  count INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Google Business Profile locations (accounts/*/locations/*) and which of ours each one is.
-- last_update_time: the newest review updateTime seen, where the next sync stops.
CREATE TABLE google_locations (
  name TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  location_id INTEGER REFERENCES locations(id),
  last_update_time TEXT,
  synced_at INTEGER,
  average_rating REAL,
  total_review_count INTEGER
);
