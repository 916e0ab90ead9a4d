-- MAX as a second messenger, and presses in a messenger linked to a person's account.

-- The outbox's channel may now be 'max'. SQLite cannot change a CHECK constraint in place, so the
-- table is rebuilt with the same columns and indexes (nothing references it).
CREATE TABLE notifications_new (
  id TEXT PRIMARY KEY,
  complaint_id TEXT NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('telegram', 'max', 'webhook')),
  event TEXT NOT NULL,
  payload TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  created_at INTEGER NOT NULL
);
INSERT INTO notifications_new (id, complaint_id, channel, event, payload, status, attempts, last_error, next_attempt_at, sent_at, created_at)
  SELECT id, complaint_id, channel, event, payload, status, attempts, last_error, next_attempt_at, sent_at, created_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_due ON notifications(status, next_attempt_at);
CREATE INDEX notifications_complaint ON notifications(complaint_id);

-- A person's own Telegram or MAX user, connected from /admin/account: a press by that user is
-- recorded as the person. One messenger user belongs to at most one account.
CREATE TABLE messenger_links (
  channel TEXT NOT NULL CHECK (channel IN ('telegram', 'max')),
  external_user_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  external_name TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (channel, external_user_id)
);
CREATE INDEX messenger_links_user ON messenger_links(user_id);

-- One-time codes of the /admin/account connect links (sent to the bot as /start <code>).
CREATE TABLE messenger_link_codes (
  code TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX messenger_link_codes_user ON messenger_link_codes(user_id);
