-- Password recovery links and English labels of complaint reasons.

-- A reset link carries a random token; only its SHA-256 is stored. Single use, 24 hours. Issuing a
-- new link for a person revokes their earlier ones. created_by is NULL when the command line made it.
CREATE TABLE password_resets (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- The label shown to customers whose language is English; NULL falls back to the Russian label.
ALTER TABLE complaint_reasons ADD COLUMN label_en TEXT;
