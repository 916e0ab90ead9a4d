-- The Monday digest: one row per reported week and channel. The primary key is what makes the
-- digest go once a week however often the cron fires; the row keeps the body for retries.
-- week: the ISO week reported, e.g. '2026-W48' (its Monday to Sunday in the owner's zone).
CREATE TABLE weekly_digests (
  week TEXT NOT NULL,
  channel TEXT NOT NULL,
  payload TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (week, channel)
) WITHOUT ROWID;
CREATE INDEX weekly_digests_due ON weekly_digests(status, next_attempt_at);

-- The platform a quick-form count is about (yandex_maps, 2gis, ...). Older rows have none and
-- keep matching ingested reviews by location and day alone.
ALTER TABLE review_counts ADD COLUMN platform TEXT;
