-- Complaints: the notification outbox and the indexes the inbox and the spam limits read.

-- One row per message to one channel (telegram, webhook). Written in the same transaction as
-- the complaint, sent right after the response, retried by the cron until sent or given up.
-- payload is the message body; it is cleared once sent so contacts do not linger here.
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  complaint_id TEXT NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('telegram', 'webhook')),
  event TEXT NOT NULL,
  payload TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX notifications_due ON notifications(status, next_attempt_at);
CREATE INDEX notifications_complaint ON notifications(complaint_id);

-- Per-visitor limits count the visitor's recent complaints (a keyed daily hash, never an IP).
CREATE INDEX complaints_visitor ON complaints(visitor, created_at);
CREATE INDEX complaints_reason ON complaints(reason_id);

-- Structured facts of a timeline event, e.g. the compensation given: {"kind":"discount","amount":300}.
ALTER TABLE complaint_events ADD COLUMN detail TEXT;
