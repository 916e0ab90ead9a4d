-- Working hours: the response clock runs only while a location is open.
-- locations.working_hours: JSON {"mon": [[540, 1080]], ..., "sun": []} in minutes of the local day
-- (NULL = always open, the behaviour before this migration); locations.holidays: JSON ["YYYY-MM-DD", ...].
ALTER TABLE locations ADD COLUMN working_hours TEXT;
ALTER TABLE locations ADD COLUMN holidays TEXT NOT NULL DEFAULT '[]';

-- complaints.due_at: when the first response is due (unix ms), worked out in the location's working
-- time when the complaint is stored. Earlier complaints get the response target after their creation.
-- complaints.escalated_at: when the overdue notice went out (once per complaint).
ALTER TABLE complaints ADD COLUMN due_at INTEGER;
ALTER TABLE complaints ADD COLUMN escalated_at INTEGER;
UPDATE complaints
   SET due_at = created_at + 60000 * COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'responseTargetMinutes' AND CAST(value AS INTEGER) > 0), 60);
-- Complaints already past that time when this runs are not escalated after the fact: the first
-- minute after a deploy would otherwise send a second notice for every old open complaint.
UPDATE complaints SET escalated_at = due_at WHERE due_at < CAST(strftime('%s', 'now') AS INTEGER) * 1000;

-- What the escalation reads every minute: open, unanswered, not escalated, by due time.
CREATE INDEX complaints_due ON complaints(status, due_at) WHERE first_response_at IS NULL AND escalated_at IS NULL;
