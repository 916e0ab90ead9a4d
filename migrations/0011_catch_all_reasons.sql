-- A catch-all complaint reason ("Другое") names no cause to fix, so the Support Index page lists it
-- but never counts it among the top three causes. The default «Другое» is marked for existing
-- locations; the owner can mark or unmark any reason on the reasons page.
ALTER TABLE complaint_reasons ADD COLUMN is_catch_all INTEGER NOT NULL DEFAULT 0 CHECK (is_catch_all IN (0, 1));
UPDATE complaint_reasons SET is_catch_all = 1 WHERE label IN ('Другое', 'Other', 'Something else');
