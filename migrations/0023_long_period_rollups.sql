-- Rollups so that a year of the Support Index reads hundreds of rows, not tens of thousands.
--
-- 1. The daily figures for the whole deployment (no location dimension), kept equal to
--    SELECT day, SUM(...) FROM daily_location_stats GROUP BY day by triggers on that rollup.
--
-- 2. Complaints by reason without the batch dimension (the page for all locations or one location
--    never asks for a batch's reasons). Kept equal to
--    SELECT day, location_id, reason_id, SUM(complaints) FROM daily_reasons GROUP BY 1, 2, 3
--    by triggers on daily_reasons itself, as migrations/0006 does for daily_stats, so the rules of
--    the complaint triggers (local days, reason changes) carry over without being repeated.
--
-- 3. Times to first response by whole minute and UTC month, per location and for the deployment.
--    The median of a long period is read from the months that lie wholly inside it plus the raw
--    complaints of its two ragged ends; a month holds at most as many rows as distinct minutes.

CREATE TABLE daily_all_stats (
  day TEXT NOT NULL PRIMARY KEY,
  cards_printed INTEGER NOT NULL DEFAULT 0,
  cards_voided INTEGER NOT NULL DEFAULT 0,
  review_scans INTEGER NOT NULL DEFAULT 0,
  review_scans_human INTEGER NOT NULL DEFAULT 0,
  review_cards_first INTEGER NOT NULL DEFAULT 0,
  complaint_scans INTEGER NOT NULL DEFAULT 0,
  complaint_scans_human INTEGER NOT NULL DEFAULT 0,
  complaint_cards_first INTEGER NOT NULL DEFAULT 0,
  complaints INTEGER NOT NULL DEFAULT 0,
  voided_scans INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

INSERT INTO daily_all_stats
SELECT day, SUM(cards_printed), SUM(cards_voided), SUM(review_scans), SUM(review_scans_human), SUM(review_cards_first), SUM(complaint_scans), SUM(complaint_scans_human), SUM(complaint_cards_first), SUM(complaints), SUM(voided_scans)
  FROM daily_location_stats GROUP BY day;

CREATE TRIGGER daily_all_insert AFTER INSERT ON daily_location_stats BEGIN
  INSERT INTO daily_all_stats VALUES (NEW.day, NEW.cards_printed, NEW.cards_voided, NEW.review_scans, NEW.review_scans_human, NEW.review_cards_first, NEW.complaint_scans, NEW.complaint_scans_human, NEW.complaint_cards_first, NEW.complaints, NEW.voided_scans)
  ON CONFLICT (day) DO UPDATE SET
    cards_printed = cards_printed + excluded.cards_printed,
    cards_voided = cards_voided + excluded.cards_voided,
    review_scans = review_scans + excluded.review_scans,
    review_scans_human = review_scans_human + excluded.review_scans_human,
    review_cards_first = review_cards_first + excluded.review_cards_first,
    complaint_scans = complaint_scans + excluded.complaint_scans,
    complaint_scans_human = complaint_scans_human + excluded.complaint_scans_human,
    complaint_cards_first = complaint_cards_first + excluded.complaint_cards_first,
    complaints = complaints + excluded.complaints,
    voided_scans = voided_scans + excluded.voided_scans;
END;

CREATE TRIGGER daily_all_update AFTER UPDATE ON daily_location_stats BEGIN
  UPDATE daily_all_stats SET
    cards_printed = cards_printed + NEW.cards_printed - OLD.cards_printed,
    cards_voided = cards_voided + NEW.cards_voided - OLD.cards_voided,
    review_scans = review_scans + NEW.review_scans - OLD.review_scans,
    review_scans_human = review_scans_human + NEW.review_scans_human - OLD.review_scans_human,
    review_cards_first = review_cards_first + NEW.review_cards_first - OLD.review_cards_first,
    complaint_scans = complaint_scans + NEW.complaint_scans - OLD.complaint_scans,
    complaint_scans_human = complaint_scans_human + NEW.complaint_scans_human - OLD.complaint_scans_human,
    complaint_cards_first = complaint_cards_first + NEW.complaint_cards_first - OLD.complaint_cards_first,
    complaints = complaints + NEW.complaints - OLD.complaints,
    voided_scans = voided_scans + NEW.voided_scans - OLD.voided_scans
  WHERE day = NEW.day;
END;

CREATE TRIGGER daily_all_delete AFTER DELETE ON daily_location_stats BEGIN
  UPDATE daily_all_stats SET
    cards_printed = cards_printed - OLD.cards_printed,
    cards_voided = cards_voided - OLD.cards_voided,
    review_scans = review_scans - OLD.review_scans,
    review_scans_human = review_scans_human - OLD.review_scans_human,
    review_cards_first = review_cards_first - OLD.review_cards_first,
    complaint_scans = complaint_scans - OLD.complaint_scans,
    complaint_scans_human = complaint_scans_human - OLD.complaint_scans_human,
    complaint_cards_first = complaint_cards_first - OLD.complaint_cards_first,
    complaints = complaints - OLD.complaints,
    voided_scans = voided_scans - OLD.voided_scans
  WHERE day = OLD.day;
END;

CREATE TABLE daily_location_reasons (
  day TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  reason_id INTEGER NOT NULL,
  complaints INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, location_id, reason_id)
) WITHOUT ROWID;
CREATE INDEX daily_location_reasons_location ON daily_location_reasons(location_id, day);

INSERT INTO daily_location_reasons (day, location_id, reason_id, complaints)
SELECT day, location_id, reason_id, SUM(complaints) FROM daily_reasons GROUP BY day, location_id, reason_id;

CREATE TRIGGER daily_location_reasons_insert AFTER INSERT ON daily_reasons BEGIN
  INSERT INTO daily_location_reasons (day, location_id, reason_id, complaints)
  VALUES (NEW.day, NEW.location_id, NEW.reason_id, NEW.complaints)
  ON CONFLICT (day, location_id, reason_id) DO UPDATE SET complaints = complaints + excluded.complaints;
END;

CREATE TRIGGER daily_location_reasons_update AFTER UPDATE ON daily_reasons BEGIN
  UPDATE daily_location_reasons SET complaints = complaints - OLD.complaints
   WHERE day = OLD.day AND location_id = OLD.location_id AND reason_id = OLD.reason_id;
  INSERT INTO daily_location_reasons (day, location_id, reason_id, complaints)
  VALUES (NEW.day, NEW.location_id, NEW.reason_id, NEW.complaints)
  ON CONFLICT (day, location_id, reason_id) DO UPDATE SET complaints = complaints + excluded.complaints;
END;

CREATE TRIGGER daily_location_reasons_delete AFTER DELETE ON daily_reasons BEGIN
  UPDATE daily_location_reasons SET complaints = complaints - OLD.complaints
   WHERE day = OLD.day AND location_id = OLD.location_id AND reason_id = OLD.reason_id;
END;

CREATE TABLE monthly_response_minutes (
  month TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  minutes INTEGER NOT NULL,
  complaints INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (location_id, month, minutes)
) WITHOUT ROWID;

CREATE TABLE monthly_response_minutes_all (
  month TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  complaints INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (month, minutes)
) WITHOUT ROWID;

INSERT INTO monthly_response_minutes (month, location_id, minutes, complaints)
SELECT strftime('%Y-%m', created_at / 1000, 'unixepoch'), location_id, MAX(0, (first_response_at - created_at) / 60000), COUNT(*)
  FROM complaints WHERE first_response_at IS NOT NULL GROUP BY 1, 2, 3;

INSERT INTO monthly_response_minutes_all (month, minutes, complaints)
SELECT month, minutes, SUM(complaints) FROM monthly_response_minutes GROUP BY month, minutes;

CREATE TRIGGER monthly_response_insert AFTER INSERT ON complaints WHEN NEW.first_response_at IS NOT NULL BEGIN
  INSERT INTO monthly_response_minutes (month, location_id, minutes, complaints)
  VALUES (strftime('%Y-%m', NEW.created_at / 1000, 'unixepoch'), NEW.location_id, MAX(0, (NEW.first_response_at - NEW.created_at) / 60000), 1)
  ON CONFLICT (location_id, month, minutes) DO UPDATE SET complaints = complaints + 1;
  INSERT INTO monthly_response_minutes_all (month, minutes, complaints)
  VALUES (strftime('%Y-%m', NEW.created_at / 1000, 'unixepoch'), MAX(0, (NEW.first_response_at - NEW.created_at) / 60000), 1)
  ON CONFLICT (month, minutes) DO UPDATE SET complaints = complaints + 1;
END;

CREATE TRIGGER monthly_response_update_old AFTER UPDATE OF first_response_at, created_at, location_id ON complaints
WHEN OLD.first_response_at IS NOT NULL BEGIN
  UPDATE monthly_response_minutes SET complaints = complaints - 1
   WHERE location_id = OLD.location_id AND month = strftime('%Y-%m', OLD.created_at / 1000, 'unixepoch')
     AND minutes = MAX(0, (OLD.first_response_at - OLD.created_at) / 60000);
  UPDATE monthly_response_minutes_all SET complaints = complaints - 1
   WHERE month = strftime('%Y-%m', OLD.created_at / 1000, 'unixepoch') AND minutes = MAX(0, (OLD.first_response_at - OLD.created_at) / 60000);
END;

CREATE TRIGGER monthly_response_update_new AFTER UPDATE OF first_response_at, created_at, location_id ON complaints
WHEN NEW.first_response_at IS NOT NULL BEGIN
  INSERT INTO monthly_response_minutes (month, location_id, minutes, complaints)
  VALUES (strftime('%Y-%m', NEW.created_at / 1000, 'unixepoch'), NEW.location_id, MAX(0, (NEW.first_response_at - NEW.created_at) / 60000), 1)
  ON CONFLICT (location_id, month, minutes) DO UPDATE SET complaints = complaints + 1;
  INSERT INTO monthly_response_minutes_all (month, minutes, complaints)
  VALUES (strftime('%Y-%m', NEW.created_at / 1000, 'unixepoch'), MAX(0, (NEW.first_response_at - NEW.created_at) / 60000), 1)
  ON CONFLICT (month, minutes) DO UPDATE SET complaints = complaints + 1;
END;

CREATE TRIGGER monthly_response_delete AFTER DELETE ON complaints WHEN OLD.first_response_at IS NOT NULL BEGIN
  UPDATE monthly_response_minutes SET complaints = complaints - 1
   WHERE location_id = OLD.location_id AND month = strftime('%Y-%m', OLD.created_at / 1000, 'unixepoch')
     AND minutes = MAX(0, (OLD.first_response_at - OLD.created_at) / 60000);
  UPDATE monthly_response_minutes_all SET complaints = complaints - 1
   WHERE month = strftime('%Y-%m', OLD.created_at / 1000, 'unixepoch') AND minutes = MAX(0, (OLD.first_response_at - OLD.created_at) / 60000);
END;

-- Open complaints of one location (the page's "open now" figure) without visiting every open row.
CREATE INDEX complaints_open_location ON complaints(status, location_id, batch_id, created_at);

-- Complaints by reason and local month, per location: a year of reasons in a few hundred rows.
-- Follows daily_location_reasons through triggers (the month is the first 7 characters of the day).
CREATE TABLE monthly_location_reasons (
  month TEXT NOT NULL,
  location_id INTEGER NOT NULL,
  reason_id INTEGER NOT NULL,
  complaints INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (month, location_id, reason_id)
) WITHOUT ROWID;

INSERT INTO monthly_location_reasons (month, location_id, reason_id, complaints)
SELECT substr(day, 1, 7), location_id, reason_id, SUM(complaints) FROM daily_location_reasons GROUP BY 1, 2, 3;

CREATE TRIGGER monthly_location_reasons_insert AFTER INSERT ON daily_location_reasons BEGIN
  INSERT INTO monthly_location_reasons (month, location_id, reason_id, complaints)
  VALUES (substr(NEW.day, 1, 7), NEW.location_id, NEW.reason_id, NEW.complaints)
  ON CONFLICT (month, location_id, reason_id) DO UPDATE SET complaints = complaints + excluded.complaints;
END;

CREATE TRIGGER monthly_location_reasons_update AFTER UPDATE ON daily_location_reasons BEGIN
  UPDATE monthly_location_reasons SET complaints = complaints + NEW.complaints - OLD.complaints
   WHERE month = substr(NEW.day, 1, 7) AND location_id = NEW.location_id AND reason_id = NEW.reason_id;
END;

CREATE TRIGGER monthly_location_reasons_delete AFTER DELETE ON daily_location_reasons BEGIN
  UPDATE monthly_location_reasons SET complaints = complaints - OLD.complaints
   WHERE month = substr(OLD.day, 1, 7) AND location_id = OLD.location_id AND reason_id = OLD.reason_id;
END;

-- A label's first day in a period: one seek per reason.
CREATE INDEX daily_location_reasons_reason ON daily_location_reasons(reason_id, day, complaints);
