-- Core schema: people, locations, printing, scans and complaints.
-- Times are unix milliseconds (INTEGER); calendar days are 'YYYY-MM-DD' (TEXT).

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
  password_hash TEXT NOT NULL,
  password_changed_at INTEGER NOT NULL,
  disabled_at INTEGER,
  created_at INTEGER NOT NULL
);

-- The cookie carries a random id; only its SHA-256 is stored.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
  created_by TEXT,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);

CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  -- Card texts for this location; NULL means the template's default.
  card_headline TEXT,
  card_review_caption TEXT,
  card_complaint_caption TEXT,
  card_footer TEXT,
  created_at INTEGER NOT NULL,
  archived_at INTEGER
);

CREATE TABLE review_links (
  id INTEGER PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  platform TEXT NOT NULL CHECK (platform IN ('yandex_maps', 'yandex_market', '2gis', 'google_maps')),
  url TEXT NOT NULL,
  is_primary INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX review_links_location ON review_links(location_id, position);

CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  template TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('a6', 'a4-4up')),
  card_count INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  voided_at INTEGER,
  void_reason TEXT
);
CREATE INDEX batches_location ON batches(location_id, created_at);

-- code: 10 Crockford base32 characters (50 random bits), upper case.
CREATE TABLE cards (
  code TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  position INTEGER NOT NULL,
  order_ref TEXT,
  voided_at INTEGER,
  void_reason TEXT
);
CREATE INDEX cards_batch ON cards(batch_id, position);

-- visitor: keyed hash of IP + user agent with a daily salt; the raw IP is never stored.
CREATE TABLE scans (
  id INTEGER PRIMARY KEY,
  card_code TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  batch_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('review', 'complaint')),
  created_at INTEGER NOT NULL,
  device TEXT NOT NULL,
  country TEXT,
  is_bot INTEGER NOT NULL DEFAULT 0,
  visitor TEXT
);
CREATE INDEX scans_card ON scans(card_code, kind);
CREATE INDEX scans_location_time ON scans(location_id, created_at);

CREATE TABLE complaint_reasons (
  id INTEGER PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  archived_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX complaint_reasons_location ON complaint_reasons(location_id, position);

CREATE TABLE complaints (
  id TEXT PRIMARY KEY,
  card_code TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  batch_id TEXT NOT NULL,
  reason_id INTEGER NOT NULL REFERENCES complaint_reasons(id),
  reason_label TEXT NOT NULL,
  comment TEXT,
  contact TEXT,
  contact_masked TEXT,
  consent_at INTEGER,
  visitor TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'contacted', 'resolved')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  first_response_at INTEGER,
  resolved_at INTEGER,
  compensation_kind TEXT,
  compensation_amount REAL,
  personal_data_erased_at INTEGER
);
CREATE INDEX complaints_card ON complaints(card_code, created_at);
CREATE INDEX complaints_location_time ON complaints(location_id, created_at);
CREATE INDEX complaints_status ON complaints(status, created_at);

CREATE TABLE complaint_events (
  id INTEGER PRIMARY KEY,
  complaint_id TEXT NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  note TEXT,
  actor TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX complaint_events_complaint ON complaint_events(complaint_id, created_at);

-- Deployment-wide settings edited by the owner (response target, contact mode, retention...).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
