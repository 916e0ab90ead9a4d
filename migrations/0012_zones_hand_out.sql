-- Time zones per location, and customers served when cards are handed out, not printed.
--
-- Days. Every daily aggregate is kept by the *location's* local day. A location has an IANA zone
-- (locations.time_zone, Europe/Moscow by default); SQL cannot read the zone database, so the
-- Worker copies the zone's offsets into location_offsets as transitions (domain/time.ts,
-- zoneTransitions) whenever a location's zone is set, and then rebuilds that location's aggregates.
-- A moment's local day is date(t / 1000 + <offset in force at t>, 'unixepoch'); the 10800 s of
-- migration 0004 remains only as the offset of a location with no transitions, which cannot
-- happen (a location gets Moscow's row when it is created) but must never fail a customer's write.
--
-- Customers served. A batch has a hand-out window, hand_out_from..hand_out_to (local days); each
-- card has the day it counts as handed out (cards.served_day), set when the batch is printed:
-- N cards over D days give each day floor(N/D) cards and the first N mod D days one more, in card
-- order (domain/hand-out.ts). Cards printed for orders count on their order's day. Ending a window
-- early ("all handed out") spreads the cards again over the shorter window. cards_printed and
-- cards_voided now count on the card's served day; everything else is unchanged.
--
-- Existing rows keep their figures: every location is on Moscow time (offset 10800, as before) and
-- every existing card is served on its batch's print day (a window of one day), so the aggregates
-- stay exact and need no rebuild here.

ALTER TABLE locations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Moscow';
ALTER TABLE locations ADD COLUMN hand_out_days INTEGER NOT NULL DEFAULT 7 CHECK (hand_out_days BETWEEN 1 AND 60);

CREATE TABLE location_offsets (
  location_id INTEGER NOT NULL,
  -- From this moment (unix ms) on, offset_seconds applies; the first row starts at year 1.
  starts_at INTEGER NOT NULL,
  offset_seconds INTEGER NOT NULL,
  PRIMARY KEY (location_id, starts_at)
) WITHOUT ROWID;
INSERT INTO location_offsets (location_id, starts_at, offset_seconds) SELECT id, -62135596800000, 10800 FROM locations;

-- A new location starts on Moscow time; the Worker replaces the rows when it sets another zone.
CREATE TRIGGER location_offsets_default AFTER INSERT ON locations BEGIN
  INSERT INTO location_offsets (location_id, starts_at, offset_seconds) VALUES (NEW.id, -62135596800000, 10800)
  ON CONFLICT DO NOTHING;
END;

ALTER TABLE batches ADD COLUMN hand_out_from TEXT;
ALTER TABLE batches ADD COLUMN hand_out_to TEXT;
-- "All handed out": when and by whom the window was ended early (hand_out_to is then that day).
ALTER TABLE batches ADD COLUMN hand_out_ended_at INTEGER;
ALTER TABLE batches ADD COLUMN hand_out_ended_by TEXT;
UPDATE batches SET hand_out_from = date(batches.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = batches.location_id AND o.starts_at <= batches.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch'), hand_out_to = date(batches.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = batches.location_id AND o.starts_at <= batches.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch');

ALTER TABLE cards ADD COLUMN served_day TEXT;
UPDATE cards SET served_day = (SELECT b.hand_out_from FROM batches b WHERE b.id = cards.batch_id);

-- A batch stored without a window (older code, repairs) gets its print day, a window of one day.
CREATE TRIGGER batches_hand_out_default AFTER INSERT ON batches WHEN NEW.hand_out_from IS NULL BEGIN
  UPDATE batches SET hand_out_from = date(NEW.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= NEW.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch'),
                     hand_out_to = COALESCE(NEW.hand_out_to, date(NEW.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= NEW.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch'))
   WHERE id = NEW.id;
END;

-- A card stored without a served day counts on its batch's first hand-out day, and says so.
CREATE TRIGGER cards_served_default AFTER INSERT ON cards WHEN NEW.served_day IS NULL BEGIN
  UPDATE cards SET served_day = (SELECT hand_out_from FROM batches WHERE id = NEW.batch_id) WHERE code = NEW.code;
END;

DROP TRIGGER daily_cards_insert;
DROP TRIGGER daily_cards_void;
DROP TRIGGER daily_batches_void;
DROP TRIGGER daily_scans_insert;
DROP TRIGGER daily_scans_first;
DROP TRIGGER daily_complaints_insert;
DROP TRIGGER daily_complaints_reason;
DROP TRIGGER daily_complaints_delete;

-- Cards ------------------------------------------------------------------------------------

CREATE TRIGGER daily_cards_insert AFTER INSERT ON cards BEGIN
  INSERT INTO daily_stats (day, location_id, batch_id, cards_printed, cards_voided)
  SELECT COALESCE(NEW.served_day, b.hand_out_from), NEW.location_id, NEW.batch_id, 1,
         (NEW.voided_at IS NOT NULL OR b.voided_at IS NOT NULL)
    FROM batches b WHERE b.id = NEW.batch_id
  ON CONFLICT (day, location_id, batch_id) DO UPDATE SET
    cards_printed = cards_printed + 1,
    cards_voided = cards_voided + excluded.cards_voided;
END;

-- A card moved to another hand-out day (a window ended early): its count moves with it.
CREATE TRIGGER daily_cards_served AFTER UPDATE OF served_day ON cards
WHEN OLD.served_day IS NOT NULL AND NEW.served_day IS NOT NULL AND OLD.served_day <> NEW.served_day
BEGIN
  UPDATE daily_stats
     SET cards_printed = cards_printed - 1,
         cards_voided = cards_voided - (NEW.voided_at IS NOT NULL OR (SELECT voided_at FROM batches WHERE id = NEW.batch_id) IS NOT NULL)
   WHERE day = OLD.served_day AND location_id = NEW.location_id AND batch_id = NEW.batch_id;
  INSERT INTO daily_stats (day, location_id, batch_id, cards_printed, cards_voided)
  VALUES (NEW.served_day, NEW.location_id, NEW.batch_id, 1,
          (NEW.voided_at IS NOT NULL OR (SELECT voided_at FROM batches WHERE id = NEW.batch_id) IS NOT NULL))
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
   WHERE location_id = NEW.location_id AND batch_id = NEW.batch_id AND day = NEW.served_day;
  UPDATE daily_stats
     SET (review_scans, review_scans_human, complaint_scans, complaint_scans_human, voided_scans) = (
       SELECT daily_stats.review_scans - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'review'), 0),
              daily_stats.review_scans_human - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'review' AND x.is_bot = 0), 0),
              daily_stats.complaint_scans - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'complaint'), 0),
              daily_stats.complaint_scans_human - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'complaint' AND x.is_bot = 0), 0),
              daily_stats.voided_scans + (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COUNT(*)
         FROM scans x
        WHERE x.card_code = NEW.code AND date(x.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = x.location_id AND o.starts_at <= x.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') = daily_stats.day),
         review_cards_first = review_cards_first - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
           * (day IS (SELECT date(f.first_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= f.first_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') FROM (SELECT MIN(x.created_at) AS first_at FROM scans x
                       WHERE x.card_code = NEW.code AND x.kind = 'review' AND x.is_bot = 0) f)),
         complaint_cards_first = complaint_cards_first - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
           * (day IS (SELECT date(f.first_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= f.first_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') FROM (SELECT MIN(x.created_at) AS first_at FROM scans x
                       WHERE x.card_code = NEW.code AND x.kind = 'complaint' AND x.is_bot = 0) f))
   WHERE location_id = NEW.location_id AND batch_id = NEW.batch_id
     AND day IN (SELECT date(y.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = y.location_id AND o.starts_at <= y.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') FROM scans y WHERE y.card_code = NEW.code);
END;

-- A batch voided (or restored): its cards not voided on their own change state together.
CREATE TRIGGER daily_batches_void AFTER UPDATE OF voided_at ON batches
WHEN (OLD.voided_at IS NULL) <> (NEW.voided_at IS NULL)
BEGIN
  UPDATE daily_stats
     SET cards_voided = cards_voided + (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
           * (SELECT COUNT(*) FROM cards WHERE batch_id = NEW.id AND voided_at IS NULL AND served_day = daily_stats.day)
   WHERE location_id = NEW.location_id AND batch_id = NEW.id
     AND day IN (SELECT served_day FROM cards WHERE batch_id = NEW.id);
  UPDATE daily_stats
     SET (review_scans, review_scans_human, complaint_scans, complaint_scans_human, voided_scans) = (
       SELECT daily_stats.review_scans - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'review'), 0),
              daily_stats.review_scans_human - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'review' AND x.is_bot = 0), 0),
              daily_stats.complaint_scans - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'complaint'), 0),
              daily_stats.complaint_scans_human - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COALESCE(SUM(x.kind = 'complaint' AND x.is_bot = 0), 0),
              daily_stats.voided_scans + (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END) * COUNT(*)
         FROM scans x
        WHERE x.batch_id = NEW.id AND date(x.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = x.location_id AND o.starts_at <= x.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') = daily_stats.day
          AND x.card_code IN (SELECT code FROM cards WHERE batch_id = NEW.id AND voided_at IS NULL)),
         review_cards_first = review_cards_first - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
           * (SELECT COUNT(*) FROM (SELECT MIN(x.created_at) AS first_at FROM scans x
                WHERE x.batch_id = NEW.id AND x.kind = 'review' AND x.is_bot = 0
                  AND x.card_code IN (SELECT code FROM cards WHERE batch_id = NEW.id AND voided_at IS NULL)
                GROUP BY x.card_code) f
               WHERE date(f.first_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= f.first_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') = daily_stats.day),
         complaint_cards_first = complaint_cards_first - (CASE WHEN NEW.voided_at IS NULL THEN -1 ELSE 1 END)
           * (SELECT COUNT(*) FROM (SELECT MIN(x.created_at) AS first_at FROM scans x
                WHERE x.batch_id = NEW.id AND x.kind = 'complaint' AND x.is_bot = 0
                  AND x.card_code IN (SELECT code FROM cards WHERE batch_id = NEW.id AND voided_at IS NULL)
                GROUP BY x.card_code) f
               WHERE date(f.first_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= f.first_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') = daily_stats.day)
   WHERE location_id = NEW.location_id AND batch_id = NEW.id
     AND day IN (SELECT date(y.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = y.location_id AND o.starts_at <= y.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') FROM scans y WHERE y.batch_id = NEW.id);
END;

-- Scans ------------------------------------------------------------------------------------

CREATE TRIGGER daily_scans_insert AFTER INSERT ON scans BEGIN
  INSERT INTO daily_stats (day, location_id, batch_id, review_scans, review_scans_human, complaint_scans, complaint_scans_human, voided_scans)
  SELECT date(NEW.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= NEW.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch'), NEW.location_id, NEW.batch_id,
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
     AND day = (SELECT date(f.first_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= f.first_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') FROM (SELECT MIN(s.created_at) AS first_at FROM scans s
                 WHERE s.card_code = NEW.card_code AND s.kind = NEW.kind AND s.is_bot = 0 AND s.id <> NEW.id) f);
  INSERT INTO daily_stats (day, location_id, batch_id, review_cards_first, complaint_cards_first)
  VALUES (date(NEW.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= NEW.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch'), NEW.location_id, NEW.batch_id,
          NEW.kind = 'review', NEW.kind = 'complaint')
  ON CONFLICT (day, location_id, batch_id) DO UPDATE SET
    review_cards_first = review_cards_first + excluded.review_cards_first,
    complaint_cards_first = complaint_cards_first + excluded.complaint_cards_first;
END;

-- Complaints -------------------------------------------------------------------------------

CREATE TRIGGER daily_complaints_insert AFTER INSERT ON complaints BEGIN
  INSERT INTO daily_stats (day, location_id, batch_id, complaints)
  VALUES (date(NEW.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= NEW.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch'), NEW.location_id, NEW.batch_id, 1)
  ON CONFLICT (day, location_id, batch_id) DO UPDATE SET complaints = complaints + 1;
  INSERT INTO daily_reasons (day, location_id, batch_id, reason_id, complaints)
  VALUES (date(NEW.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= NEW.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch'), NEW.location_id, NEW.batch_id, NEW.reason_id, 1)
  ON CONFLICT (day, location_id, batch_id, reason_id) DO UPDATE SET complaints = complaints + 1;
END;

CREATE TRIGGER daily_complaints_reason AFTER UPDATE OF reason_id ON complaints
WHEN OLD.reason_id <> NEW.reason_id
BEGIN
  UPDATE daily_reasons SET complaints = complaints - 1
   WHERE day = date(OLD.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = OLD.location_id AND o.starts_at <= OLD.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') AND location_id = OLD.location_id
     AND batch_id = OLD.batch_id AND reason_id = OLD.reason_id;
  INSERT INTO daily_reasons (day, location_id, batch_id, reason_id, complaints)
  VALUES (date(NEW.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = NEW.location_id AND o.starts_at <= NEW.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch'), NEW.location_id, NEW.batch_id, NEW.reason_id, 1)
  ON CONFLICT (day, location_id, batch_id, reason_id) DO UPDATE SET complaints = complaints + 1;
END;

CREATE TRIGGER daily_complaints_delete AFTER DELETE ON complaints BEGIN
  UPDATE daily_stats SET complaints = complaints - 1
   WHERE day = date(OLD.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = OLD.location_id AND o.starts_at <= OLD.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') AND location_id = OLD.location_id AND batch_id = OLD.batch_id;
  UPDATE daily_reasons SET complaints = complaints - 1
   WHERE day = date(OLD.created_at / 1000 + COALESCE((SELECT o.offset_seconds FROM location_offsets o WHERE o.location_id = OLD.location_id AND o.starts_at <= OLD.created_at ORDER BY o.starts_at DESC LIMIT 1), 10800), 'unixepoch') AND location_id = OLD.location_id
     AND batch_id = OLD.batch_id AND reason_id = OLD.reason_id;
END;
