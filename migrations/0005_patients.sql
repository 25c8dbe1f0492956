-- Patient search indexes (internal/patients/search.go). Every list and search reads
-- live patients only (archived_at IS NULL), so the search keys are indexed behind
-- archived_at: a prefix search is then one range of live rows, and counting its
-- matches reads the index alone, never the table. These replace the key indexes of
-- 0004, which would have to visit each matching row to leave out the archived ones.
DROP INDEX patient_profiles_first_idx{{if .MySQL}} ON patient_profiles{{end}};
DROP INDEX patient_profiles_last_idx{{if .MySQL}} ON patient_profiles{{end}};
DROP INDEX patient_profiles_phone_idx{{if .MySQL}} ON patient_profiles{{end}};
CREATE INDEX patient_profiles_live_first_idx ON patient_profiles (archived_at, first_key, last_key);
CREATE INDEX patient_profiles_live_last_idx ON patient_profiles (archived_at, last_key, first_key);
CREATE INDEX patient_profiles_live_phone_idx ON patient_profiles (archived_at, phone_key);
