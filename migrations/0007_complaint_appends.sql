-- A customer's later contact replaces the earlier one on the complaint; the timeline entry of
-- that addition keeps the contact it replaced, so nothing the customer gave is lost without a
-- trace. It is personal data: erased with the event notes (retention, or the owner's request).
ALTER TABLE complaint_events ADD COLUMN previous_contact TEXT;
