-- New deployments forward customers' contacts by default instead of storing them. A deployment
-- already in use (it has complaints) and that never saved a contact mode kept contacts under the
-- old default, "store": it keeps that mode until the owner changes it.
INSERT OR IGNORE INTO settings (key, value, updated_at)
SELECT 'contactMode', 'store', CAST(unixepoch('subsec') * 1000 AS INTEGER)
 WHERE EXISTS (SELECT 1 FROM complaints);

-- The location each person last printed for: the print page opens on it next time.
CREATE TABLE print_choices (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  location_id INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  updated_at INTEGER NOT NULL
);
