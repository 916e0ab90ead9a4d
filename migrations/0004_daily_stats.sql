-- Daily aggregates for the Support Index page, kept current by triggers as events arrive,
-- so the page reads one row per (day, location, batch) instead of every scan and complaint.
--
-- A "day" is the calendar date in the deployment's time zone: Europe/Moscow, a fixed UTC+3
-- (10800 s, no DST), written below as date(created_at / 1000 + 10800, 'unixepoch'). The same
-- constant is DAY_OFFSET_SECONDS in src/domain/period.ts. Changing the zone means a new migration
-- that re-creates these triggers, then rebuildDailyStats (src/db/daily-stats.ts).
--
-- Attribution rules (the recomputation in src/db/daily-stats.ts follows the same rules):
-- * cards_printed / cards_voided: on the day the card's batch was printed; a card counts as voided
--   when the card or its batch is voided, whenever that happened.
-- * review_cards_first / complaint_cards_first: a card counts once, on the day of its first human
--   scan of that kind, so "unique cards in a period" = cards whose first human scan is in it.
-- * scans with is_bot = 1 count in *_scans but not in *_scans_human nor in *_cards_first.
-- * scans on voided cards count only in voided_scans (see the Cards section).

CREATE TABLE daily_stats (
  day TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  batch_id TEXT NOT NULL,
  cards_printed INTEGER NOT NULL DEFAULT 0,
  cards_voided INTEGER NOT NULL DEFAULT 0,
  review_scans INTEGER NOT NULL DEFAULT 0,
  review_scans_human INTEGER NOT NULL DEFAULT 0,
  review_cards_first INTEGER NOT NULL DEFAULT 0,
  complaint_scans INTEGER NOT NULL DEFAULT 0,
  complaint_scans_human INTEGER NOT NULL DEFAULT 0,
  complaint_cards_first INTEGER NOT NULL DEFAULT 0,
  complaints INTEGER NOT NULL DEFAULT 0,
  voided_scans INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, location_id, batch_id)
) WITHOUT ROWID;
CREATE INDEX daily_stats_location ON daily_stats(location_id, day);
CREATE INDEX daily_stats_batch ON daily_stats(batch_id, day);

-- Complaints by reason; grouped by the reason's current label on the page.
CREATE TABLE daily_reasons (
  day TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  batch_id TEXT NOT NULL,
  reason_id INTEGER NOT NULL,
  complaints INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, location_id, batch_id, reason_id)
) WITHOUT ROWID;

-- Positive reviews, one row per imported review (the platforms publish no API).
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  day TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  platform TEXT NOT NULL,
  author TEXT,
  text TEXT,
  -- SHA-256 of location, day, rating, platform, author and text: a re-imported row is a duplicate.
  fingerprint TEXT NOT NULL UNIQUE,
  imported_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX reviews_location_day ON reviews(location_id, day);

-- Quick-form entries: counts for a day or a period; a period counts on its end day (`day`).
CREATE TABLE review_counts (
  id INTEGER PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  period_start TEXT NOT NULL,
  day TEXT NOT NULL,
  positive INTEGER NOT NULL CHECK (positive >= 0),
  total INTEGER CHECK (total IS NULL OR total >= positive),
  average_rating REAL CHECK (average_rating IS NULL OR average_rating BETWEEN 1 AND 5),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  CHECK (period_start <= day)
);
CREATE INDEX review_counts_location_day ON review_counts(location_id, day);

-- Reviews of both kinds per day and location. total: all new reviews (an entry without a total
-- counts its positives); rating_sum / rating_n: for the average rating where it is known.
CREATE TABLE daily_reviews (
  day TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  positive INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  rating_sum REAL NOT NULL DEFAULT 0,
  rating_n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, location_id)
) WITHOUT ROWID;

-- Orders served per day, entered or imported by the owner; a second entry replaces the first.
CREATE TABLE orders_counts (
  location_id INTEGER NOT NULL REFERENCES locations(id),
  day TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (location_id, day)
) WITHOUT ROWID;
CREATE INDEX orders_counts_day ON orders_counts(day);

-- Median time to first response reads complaints of a period from this index alone.
CREATE INDEX complaints_response ON complaints(created_at, location_id, batch_id, first_response_at, status);

-- Cards ------------------------------------------------------------------------------------
-- A card is live unless it or its batch is voided. Scans on voided cards never count as review or
-- complaint scans (voided_scans keeps them apart); voiding or restoring moves a card's scans
-- between the two, so the figures always follow the card's current state.

CREATE TRIGGER daily_cards_insert AFTER INSERT ON cards BEGIN
  INSERT INTO daily_stats (day, location_id, batch_id, cards_printed, cards_voided)
  SELECT date(b.created_at / 1000 + 10800, 'unixepoch'), NEW.location_id, NEW.batch_id, 1,
         (NEW.voided_at IS NOT NULL OR b.voided_at IS NOT NULL)
    FROM batches b WHERE b.id = NEW.batch_id
  ON CONFLICT (day, location_id, batch_id) DO UPDATE SET
    cards_printed = cards_printed + 1,
    cards_voided = cards_voided + excluded.cards_voided;
END;

-- A card voided (or restored) on its own; when its batch is voided the batch trigger counts it,
-- so voiding a batch and its cards in either order counts each card once.
CREATE TRIGGER daily_cards_void AFTER UPDATE OF voided_at ON cards
WHEN (OLD.voided_at IS NULL) <> (NEW.voided_at IS NULL)
  AND (SELECT voided_at FROM batches WHERE id = NEW.batch_id) IS NULL
BEGIN
  UPDATE daily_stats SET cards_voided = cards_voided + (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
   WHERE location_id = NEW.location_id AND batch_id = NEW.batch_id
     AND day = (SELECT date(created_at / 1000 + 10800, 'unixepoch') FROM batches WHERE id = NEW.batch_id);
  UPDATE daily_stats
     SET (review_scans, review_scans_human, complaint_scans, complaint_scans_human, voided_scans) = (
       SELECT daily_stats.review_scans - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'review'), 0),
              daily_stats.review_scans_human - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'review' AND x.is_bot = 0), 0),
              daily_stats.complaint_scans - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'complaint'), 0),
              daily_stats.complaint_scans_human - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'complaint' AND x.is_bot = 0), 0),
              daily_stats.voided_scans + (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COUNT(*)
         FROM scans x
        WHERE x.card_code = NEW.code AND date(x.created_at / 1000 + 10800, 'unixepoch') = daily_stats.day),
         review_cards_first = review_cards_first - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
           * (day IS (SELECT date(MIN(x.created_at) / 1000 + 10800, 'unixepoch') FROM scans x
                       WHERE x.card_code = NEW.code AND x.kind = 'review' AND x.is_bot = 0)),
         complaint_cards_first = complaint_cards_first - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
           * (day IS (SELECT date(MIN(x.created_at) / 1000 + 10800, 'unixepoch') FROM scans x
                       WHERE x.card_code = NEW.code AND x.kind = 'complaint' AND x.is_bot = 0))
   WHERE location_id = NEW.location_id AND batch_id = NEW.batch_id
     AND day IN (SELECT date(created_at / 1000 + 10800, 'unixepoch') FROM scans WHERE card_code = NEW.code);
END;

-- A batch voided (or restored): its cards not voided on their own change state together.
CREATE TRIGGER daily_batches_void AFTER UPDATE OF voided_at ON batches
WHEN (OLD.voided_at IS NULL) <> (NEW.voided_at IS NULL)
BEGIN
  UPDATE daily_stats
     SET cards_voided = cards_voided + (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
           * (SELECT COUNT(*) FROM cards WHERE batch_id = NEW.id AND voided_at IS NULL)
   WHERE location_id = NEW.location_id AND batch_id = NEW.id
     AND day = date(NEW.created_at / 1000 + 10800, 'unixepoch');
  UPDATE daily_stats
     SET (review_scans, review_scans_human, complaint_scans, complaint_scans_human, voided_scans) = (
       SELECT daily_stats.review_scans - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'review'), 0),
              daily_stats.review_scans_human - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'review' AND x.is_bot = 0), 0),
              daily_stats.complaint_scans - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'complaint'), 0),
              daily_stats.complaint_scans_human - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'complaint' AND x.is_bot = 0), 0),
              daily_stats.voided_scans + (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COUNT(*)
         FROM scans x
        WHERE x.batch_id = NEW.id AND date(x.created_at / 1000 + 10800, 'unixepoch') = daily_stats.day
          AND x.card_code IN (SELECT code FROM cards WHERE batch_id = NEW.id AND voided_at IS NULL)),
         review_cards_first = review_cards_first - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
           * (SELECT COUNT(*) FROM (SELECT MIN(x.created_at) AS first_at FROM scans x
                WHERE x.batch_id = NEW.id AND x.kind = 'review' AND x.is_bot = 0
                  AND x.card_code IN (SELECT code FROM cards WHERE batch_id = NEW.id AND voided_at IS NULL)
                GROUP BY x.card_code) f
               WHERE date(f.first_at / 1000 + 10800, 'unixepoch') = daily_stats.day),
         complaint_cards_first = complaint_cards_first - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
           * (SELECT COUNT(*) FROM (SELECT MIN(x.created_at) AS first_at FROM scans x
                WHERE x.batch_id = NEW.id AND x.kind = 'complaint' AND x.is_bot = 0
                  AND x.card_code IN (SELECT code FROM cards WHERE batch_id = NEW.id AND voided_at IS NULL)
                GROUP BY x.card_code) f
               WHERE date(f.first_at / 1000 + 10800, 'unixepoch') = daily_stats.day)
   WHERE location_id = NEW.location_id AND batch_id = NEW.id
     AND day IN (SELECT date(created_at / 1000 + 10800, 'unixepoch') FROM scans WHERE batch_id = NEW.id);
END;

-- Scans ------------------------------------------------------------------------------------

CREATE TRIGGER daily_scans_insert AFTER INSERT ON scans BEGIN
  INSERT INTO daily_stats (day, location_id, batch_id, review_scans, review_scans_human, complaint_scans, complaint_scans_human, voided_scans)
  SELECT date(NEW.created_at / 1000 + 10800, 'unixepoch'), NEW.location_id, NEW.batch_id,
         live AND NEW.kind = 'review', live AND NEW.kind = 'review' AND NEW.is_bot = 0,
         live AND NEW.kind = 'complaint', live AND NEW.kind = 'complaint' AND NEW.is_bot = 0, NOT live
    FROM (SELECT COALESCE((SELECT c.voided_at IS NULL AND b.voided_at IS NULL
                             FROM cards c JOIN batches b ON b.id = c.batch_id WHERE c.code = NEW.card_code), 1) AS live)
   WHERE true
  ON CONFLICT (day, location_id, batch_id) DO UPDATE SET
    review_scans = review_scans + excluded.review_scans,
    review_scans_human = review_scans_human + excluded.review_scans_human,
    complaint_scans = complaint_scans + excluded.complaint_scans,
    complaint_scans_human = complaint_scans_human + excluded.complaint_scans_human,
    voided_scans = voided_scans + excluded.voided_scans;
END;

-- The live card's first human scan of this kind (in time order, then id). If a scan arrives late
-- with an earlier time than the one counted so far, the count moves to its day.
CREATE TRIGGER daily_scans_first AFTER INSERT ON scans
WHEN NEW.is_bot = 0
  AND COALESCE((SELECT c.voided_at IS NULL AND b.voided_at IS NULL
                  FROM cards c JOIN batches b ON b.id = c.batch_id WHERE c.code = NEW.card_code), 1)
  AND NOT EXISTS (
    SELECT 1 FROM scans s
     WHERE s.card_code = NEW.card_code AND s.kind = NEW.kind AND s.is_bot = 0 AND s.id <> NEW.id
       AND (s.created_at < NEW.created_at OR (s.created_at = NEW.created_at AND s.id < NEW.id)))
BEGIN
  UPDATE daily_stats
     SET review_cards_first = review_cards_first - (NEW.kind = 'review'),
         complaint_cards_first = complaint_cards_first - (NEW.kind = 'complaint')
   WHERE location_id = NEW.location_id AND batch_id = NEW.batch_id
     AND day = (SELECT date(MIN(s.created_at) / 1000 + 10800, 'unixepoch') FROM scans s
                 WHERE s.card_code = NEW.card_code AND s.kind = NEW.kind AND s.is_bot = 0 AND s.id <> NEW.id);
  INSERT INTO daily_stats (day, location_id, batch_id, review_cards_first, complaint_cards_first)
  VALUES (date(NEW.created_at / 1000 + 10800, 'unixepoch'), NEW.location_id, NEW.batch_id,
          NEW.kind = 'review', NEW.kind = 'complaint')
  ON CONFLICT (day, location_id, batch_id) DO UPDATE SET
    review_cards_first = review_cards_first + excluded.review_cards_first,
    complaint_cards_first = complaint_cards_first + excluded.complaint_cards_first;
END;

-- Complaints -------------------------------------------------------------------------------

CREATE TRIGGER daily_complaints_insert AFTER INSERT ON complaints BEGIN
  INSERT INTO daily_stats (day, location_id, batch_id, complaints)
  VALUES (date(NEW.created_at / 1000 + 10800, 'unixepoch'), NEW.location_id, NEW.batch_id, 1)
  ON CONFLICT (day, location_id, batch_id) DO UPDATE SET complaints = complaints + 1;
  INSERT INTO daily_reasons (day, location_id, batch_id, reason_id, complaints)
  VALUES (date(NEW.created_at / 1000 + 10800, 'unixepoch'), NEW.location_id, NEW.batch_id, NEW.reason_id, 1)
  ON CONFLICT (day, location_id, batch_id, reason_id) DO UPDATE SET complaints = complaints + 1;
END;

CREATE TRIGGER daily_complaints_reason AFTER UPDATE OF reason_id ON complaints
WHEN OLD.reason_id <> NEW.reason_id
BEGIN
  UPDATE daily_reasons SET complaints = complaints - 1
   WHERE day = date(OLD.created_at / 1000 + 10800, 'unixepoch') AND location_id = OLD.location_id
     AND batch_id = OLD.batch_id AND reason_id = OLD.reason_id;
  INSERT INTO daily_reasons (day, location_id, batch_id, reason_id, complaints)
  VALUES (date(NEW.created_at / 1000 + 10800, 'unixepoch'), NEW.location_id, NEW.batch_id, NEW.reason_id, 1)
  ON CONFLICT (day, location_id, batch_id, reason_id) DO UPDATE SET complaints = complaints + 1;
END;

CREATE TRIGGER daily_complaints_delete AFTER DELETE ON complaints BEGIN
  UPDATE daily_stats SET complaints = complaints - 1
   WHERE day = date(OLD.created_at / 1000 + 10800, 'unixepoch') AND location_id = OLD.location_id AND batch_id = OLD.batch_id;
  UPDATE daily_reasons SET complaints = complaints - 1
   WHERE day = date(OLD.created_at / 1000 + 10800, 'unixepoch') AND location_id = OLD.location_id
     AND batch_id = OLD.batch_id AND reason_id = OLD.reason_id;
END;

-- Reviews ----------------------------------------------------------------------------------

CREATE TRIGGER daily_reviews_insert AFTER INSERT ON reviews BEGIN
  INSERT INTO daily_reviews (day, location_id, positive, total, rating_sum, rating_n)
  VALUES (NEW.day, NEW.location_id, NEW.rating >= 4, 1, NEW.rating, 1)
  ON CONFLICT (day, location_id) DO UPDATE SET
    positive = positive + excluded.positive, total = total + 1,
    rating_sum = rating_sum + excluded.rating_sum, rating_n = rating_n + 1;
END;

CREATE TRIGGER daily_reviews_delete AFTER DELETE ON reviews BEGIN
  UPDATE daily_reviews SET positive = positive - (OLD.rating >= 4), total = total - 1,
         rating_sum = rating_sum - OLD.rating, rating_n = rating_n - 1
   WHERE day = OLD.day AND location_id = OLD.location_id;
END;

CREATE TRIGGER daily_review_counts_insert AFTER INSERT ON review_counts BEGIN
  INSERT INTO daily_reviews (day, location_id, positive, total, rating_sum, rating_n)
  VALUES (NEW.day, NEW.location_id, NEW.positive, COALESCE(NEW.total, NEW.positive),
          CASE WHEN NEW.total IS NOT NULL AND NEW.average_rating IS NOT NULL THEN NEW.average_rating * NEW.total ELSE 0 END,
          CASE WHEN NEW.total IS NOT NULL AND NEW.average_rating IS NOT NULL THEN NEW.total ELSE 0 END)
  ON CONFLICT (day, location_id) DO UPDATE SET
    positive = positive + excluded.positive, total = total + excluded.total,
    rating_sum = rating_sum + excluded.rating_sum, rating_n = rating_n + excluded.rating_n;
END;

CREATE TRIGGER daily_review_counts_delete AFTER DELETE ON review_counts BEGIN
  UPDATE daily_reviews SET positive = positive - OLD.positive, total = total - COALESCE(OLD.total, OLD.positive),
         rating_sum = rating_sum - (CASE WHEN OLD.total IS NOT NULL AND OLD.average_rating IS NOT NULL THEN OLD.average_rating * OLD.total ELSE 0 END),
         rating_n = rating_n - (CASE WHEN OLD.total IS NOT NULL AND OLD.average_rating IS NOT NULL THEN OLD.total ELSE 0 END)
   WHERE day = OLD.day AND location_id = OLD.location_id;
END;
