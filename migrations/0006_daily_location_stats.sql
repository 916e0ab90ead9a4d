-- The daily aggregates rolled up by location (no batch dimension): the page for all locations or
-- one location reads about a quarter of the rows daily_stats holds. Kept equal to
-- SELECT day, location_id, SUM(...) FROM daily_stats GROUP BY day, location_id by triggers on
-- daily_stats itself, so every rule of migrations/0004 carries over without being repeated.

CREATE TABLE daily_location_stats (
  day TEXT NOT NULL,
  location_id INTEGER NOT NULL,
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
  PRIMARY KEY (day, location_id)
) WITHOUT ROWID;
CREATE INDEX daily_location_stats_location ON daily_location_stats(location_id, day);

INSERT INTO daily_location_stats
SELECT day, location_id, SUM(cards_printed), SUM(cards_voided), SUM(review_scans), SUM(review_scans_human),
       SUM(review_cards_first), SUM(complaint_scans), SUM(complaint_scans_human), SUM(complaint_cards_first),
       SUM(complaints), SUM(voided_scans)
  FROM daily_stats GROUP BY day, location_id;

CREATE TRIGGER daily_location_insert AFTER INSERT ON daily_stats BEGIN
  INSERT INTO daily_location_stats VALUES (NEW.day, NEW.location_id, NEW.cards_printed, NEW.cards_voided,
    NEW.review_scans, NEW.review_scans_human, NEW.review_cards_first, NEW.complaint_scans,
    NEW.complaint_scans_human, NEW.complaint_cards_first, NEW.complaints, NEW.voided_scans)
  ON CONFLICT (day, location_id) DO UPDATE SET
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

CREATE TRIGGER daily_location_update AFTER UPDATE ON daily_stats BEGIN
  UPDATE daily_location_stats SET
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
  WHERE day = NEW.day AND location_id = NEW.location_id;
END;

CREATE TRIGGER daily_location_delete AFTER DELETE ON daily_stats BEGIN
  UPDATE daily_location_stats SET
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
  WHERE day = OLD.day AND location_id = OLD.location_id;
END;

-- The page's batch table and picker walk batches newest first and stop after a dozen.
CREATE INDEX batches_created ON batches(created_at);
