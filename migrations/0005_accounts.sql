-- Accounts: invite links for new users and login throttling.

-- An invite link carries a random token; only its SHA-256 is stored. Single use, expiring.
CREATE TABLE invites (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX invites_email ON invites(email);

-- Failed logins counted per key: 'account:<sha256 of e-mail>' or 'visitor:<keyed hash of IP>'.
-- The raw e-mail and IP address are never stored here.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start INTEGER NOT NULL,
  locked_until INTEGER
);
