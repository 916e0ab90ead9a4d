-- A public reply to a complaint: shown to whoever holds the card on /c/<code>, never with what
-- the customer typed. replied_at is when it was first published; editing keeps it, removing
-- clears both (the timeline keeps each change).
ALTER TABLE complaints ADD COLUMN reply TEXT;
ALTER TABLE complaints ADD COLUMN replied_at INTEGER;

-- What /c/<code> reads on every complaint scan: the replies of that card's complaints.
CREATE INDEX complaints_card_replies ON complaints(card_code, replied_at) WHERE reply IS NOT NULL;

-- Reply templates per location: a short list, offered on a complaint's page as one-tap fills.
CREATE TABLE reply_templates (
  id INTEGER PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  position INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX reply_templates_location ON reply_templates(location_id, position);
