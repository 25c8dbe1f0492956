-- The audit log (PRODUCT §3.14): who read or changed which record, with what result.
-- Append-only and hash-chained: each event's hash covers its fields and the previous
-- event's hash. No foreign keys: the log must outlive the users and patients it names.
CREATE TABLE audit_events (
	id {{pk}},
	seq BIGINT NOT NULL,
	at {{ts}} NOT NULL,
	actor_id BIGINT,
	actor_username VARCHAR(150) NOT NULL,
	actor_role VARCHAR(20) NOT NULL,
	action VARCHAR(32) NOT NULL,
	object_type VARCHAR(64) NOT NULL,
	object_id VARCHAR(64) NOT NULL,
	patient_id BIGINT,
	outcome VARCHAR(16) NOT NULL,
	client_ip VARCHAR(45) NOT NULL,
	request_id VARCHAR(64) NOT NULL,
	detail VARCHAR(500) NOT NULL,
	prev_hash CHAR(64) NOT NULL,
	hash CHAR(64) NOT NULL
) {{tableopts}};
CREATE UNIQUE INDEX audit_events_seq_key ON audit_events (seq);
CREATE INDEX audit_events_patient_idx ON audit_events (patient_id, id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id);
CREATE INDEX audit_events_action_idx ON audit_events (action, id);
CREATE INDEX audit_events_at_idx ON audit_events (at);

-- The end of the chain. Writers lock this one row, so that two transactions can never
-- both extend the chain from the same event. The genesis hash is 64 zeros.
CREATE TABLE audit_head (
	id INTEGER PRIMARY KEY,
	seq BIGINT NOT NULL,
	hash CHAR(64) NOT NULL
) {{tableopts}};
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
