-- Devices that signed in successfully: a long-lived cookie carries a random id, only its SHA-256 is
-- stored. A remembered device may sign in while strangers have locked the account.
CREATE TABLE login_devices (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX login_devices_user ON login_devices(user_id);

-- Disabling a person now revokes the API tokens they created; tokens of people disabled before
-- this migration are revoked here, so the rule holds for all of them.
UPDATE api_tokens SET revoked_at = (unixepoch() * 1000)
 WHERE revoked_at IS NULL AND created_by IN (SELECT id FROM users WHERE disabled_at IS NOT NULL);
