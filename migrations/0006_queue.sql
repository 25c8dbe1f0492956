-- Indexes behind the clinical lists' orders (PRODUCT §6: no list sorts its whole table).

-- The pharmacy desk's view of the doctor queue: entries sent to the pharmacy in the last
-- day. sent_to_pharmacy ends a visit, so those entries pile up for ever; this index keeps
-- the desk's list (and its count) a range scan of recent rows however long the history.
CREATE INDEX queue_entries_closed_idx ON queue_entries (status, completed_at);

-- The consultation notes list (E-43) is newest first across all patients.
CREATE INDEX consultation_notes_created_idx ON consultation_notes (created_at);
