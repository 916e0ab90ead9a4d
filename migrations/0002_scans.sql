-- Scans: idempotent logging, failure accounting, and who voided a card or batch.

-- A random id per scan, so a write retried after a transient D1 error is stored once.
ALTER TABLE scans ADD COLUMN event_id TEXT;
CREATE UNIQUE INDEX scans_event ON scans(event_id);
-- Per-batch counts on the batch page and in the API.
CREATE INDEX scans_batch_time ON scans(batch_id, created_at);

-- Scans that could not be stored, by UTC day: logging never blocks the redirect,
-- so lost rows are counted here instead of failing the customer's request.
CREATE TABLE scan_log_failures (
  day TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_at INTEGER NOT NULL
);

-- Voiding audit: voided_at and void_reason already exist; this records who did it.
ALTER TABLE batches ADD COLUMN voided_by TEXT;
ALTER TABLE cards ADD COLUMN voided_by TEXT;
