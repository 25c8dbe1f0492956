-- Patients, vitals, the doctor queue and consultation notes (PRODUCT §3.4–3.7).

-- The clinical profile of a patient account (users.role = 'patient'). The id is the
-- user's id, as in the original API.
CREATE TABLE patient_profiles (
	user_id BIGINT NOT NULL PRIMARY KEY REFERENCES users (id),
	mrn VARCHAR(20) NOT NULL,
	dob DATE NULL,
	national_id VARCHAR(30) NOT NULL,
	-- national_id_key is the national id in upper case, NULL when there is none.
	national_id_key VARCHAR(30) NULL,
	address VARCHAR(500) NOT NULL,
	next_of_kin_name VARCHAR(150) NOT NULL,
	next_of_kin_phone VARCHAR(20) NOT NULL,
	next_of_kin_relationship VARCHAR(50) NOT NULL,
	patient_type VARCHAR(20) NOT NULL,
	-- Search keys, kept by the patients store: lower-cased, accents folded, so that a
	-- prefix search is an index range scan on every engine.
	first_key VARCHAR(150) NOT NULL,
	last_key VARCHAR(150) NOT NULL,
	phone_key VARCHAR(20) NOT NULL,
	registered_by BIGINT NULL REFERENCES users (id),
	archived_at {{ts}} NULL,
	archived_by BIGINT NULL REFERENCES users (id),
	archive_reason VARCHAR(500) NOT NULL,
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
) {{tableopts}};
CREATE UNIQUE INDEX patient_profiles_mrn_key ON patient_profiles (mrn);
CREATE UNIQUE INDEX patient_profiles_national_id_key ON patient_profiles (national_id_key);
CREATE INDEX patient_profiles_first_idx ON patient_profiles (first_key, last_key);
CREATE INDEX patient_profiles_last_idx ON patient_profiles (last_key, first_key);
CREATE INDEX patient_profiles_phone_idx ON patient_profiles (phone_key);

-- One set of observations. Values are integers in the unit's smallest step (tenths of a
-- degree, tenths of a kilogram) so that they are exact on every engine; NULL = not taken.
CREATE TABLE vitals (
	id {{pk}},
	patient_id BIGINT NOT NULL REFERENCES users (id),
	recorded_by BIGINT NULL REFERENCES users (id),
	recorded_at {{ts}} NOT NULL,
	temperature_dc INTEGER NULL,
	pulse_rate INTEGER NULL,
	respiratory_rate INTEGER NULL,
	systolic_bp INTEGER NULL,
	diastolic_bp INTEGER NULL,
	spo2 INTEGER NULL,
	on_oxygen {{bool}} NOT NULL,
	consciousness CHAR(1) NULL,
	weight_hg INTEGER NULL,
	height_mm INTEGER NULL,
	news2_score INTEGER NULL,
	news2_risk VARCHAR(12) NOT NULL
) {{tableopts}};
CREATE INDEX vitals_patient_idx ON vitals (patient_id, recorded_at);

-- The doctor queue. open_patient_id is the patient's id while the entry is open
-- (waiting, with the doctor, or away at lab or imaging) and NULL once it is closed, so
-- the unique index lets a patient have at most one open entry on every engine.
CREATE TABLE queue_entries (
	id {{pk}},
	patient_id BIGINT NOT NULL REFERENCES users (id),
	vitals_id BIGINT NULL REFERENCES vitals (id),
	department_id BIGINT NULL REFERENCES departments (id),
	doctor_id BIGINT NULL REFERENCES users (id),
	status VARCHAR(20) NOT NULL,
	priority INTEGER NOT NULL,
	urgent {{bool}} NOT NULL,
	open_patient_id BIGINT NULL,
	created_at {{ts}} NOT NULL,
	waiting_since {{ts}} NOT NULL,
	called_at {{ts}} NULL,
	completed_at {{ts}} NULL,
	updated_at {{ts}} NOT NULL
) {{tableopts}};
CREATE UNIQUE INDEX queue_entries_open_key ON queue_entries (open_patient_id);
CREATE INDEX queue_entries_next_idx ON queue_entries (status, department_id, priority, waiting_since);
CREATE INDEX queue_entries_doctor_idx ON queue_entries (doctor_id, status);
CREATE INDEX queue_entries_patient_idx ON queue_entries (patient_id, created_at);
CREATE INDEX queue_entries_created_idx ON queue_entries (created_at);

-- Consultation notes. A note is signed by its author and never overwritten: changes are
-- addenda. history/examination/plan are the structured note; diagnosis and
-- prescription keep the original API's free-text fields.
CREATE TABLE consultation_notes (
	id {{pk}},
	patient_id BIGINT NOT NULL REFERENCES users (id),
	doctor_id BIGINT NOT NULL REFERENCES users (id),
	queue_entry_id BIGINT NOT NULL REFERENCES queue_entries (id),
	history {{text}} NOT NULL,
	examination {{text}} NOT NULL,
	plan {{text}} NOT NULL,
	diagnosis {{text}} NOT NULL,
	prescription {{text}} NOT NULL,
	created_at {{ts}} NOT NULL
) {{tableopts}};
CREATE INDEX consultation_notes_patient_idx ON consultation_notes (patient_id, created_at);
CREATE INDEX consultation_notes_queue_idx ON consultation_notes (queue_entry_id);
CREATE INDEX consultation_notes_doctor_idx ON consultation_notes (doctor_id, created_at);

CREATE TABLE note_addenda (
	id {{pk}},
	note_id BIGINT NOT NULL REFERENCES consultation_notes (id),
	author_id BIGINT NOT NULL REFERENCES users (id),
	text {{text}} NOT NULL,
	created_at {{ts}} NOT NULL
) {{tableopts}};
CREATE INDEX note_addenda_note_idx ON note_addenda (note_id, id);

-- Coded diagnoses of a note (ICD-10).
CREATE TABLE diagnoses (
	id {{pk}},
	note_id BIGINT NOT NULL REFERENCES consultation_notes (id),
	patient_id BIGINT NOT NULL REFERENCES users (id),
	icd10_code VARCHAR(10) NOT NULL,
	description VARCHAR(255) NOT NULL,
	created_at {{ts}} NOT NULL
) {{tableopts}};
CREATE INDEX diagnoses_note_idx ON diagnoses (note_id);
CREATE INDEX diagnoses_patient_idx ON diagnoses (patient_id, created_at);
