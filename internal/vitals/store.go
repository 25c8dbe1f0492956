package vitals

import (
	"context"
	"database/sql"

	"healthsynx/internal/platform/db"
)

const columns = `id, patient_id, recorded_by, recorded_at, temperature_dc, pulse_rate, respiratory_rate,
	systolic_bp, diastolic_bp, spo2, on_oxygen, consciousness, weight_hg, height_mm`

func scan(row interface{ Scan(...any) error }) (Set, error) {
	var s Set
	var by sql.NullInt64
	var consciousness sql.NullString
	err := row.Scan(&s.ID, &s.PatientID, &by, &s.RecordedAt, &s.TemperatureDC, &s.Pulse, &s.Respiration,
		&s.Systolic, &s.Diastolic, &s.SpO2, &s.OnOxygen, &consciousness, &s.WeightHG, &s.HeightMM)
	s.RecordedBy = by.Int64
	s.Consciousness = consciousness.String
	s.RecordedAt = s.RecordedAt.UTC()
	return s, err
}

// insert stores s with its NEWS2 score and risk, which the queue orders by.
func insert(ctx context.Context, q db.Querier, s *Set) error {
	n := Score(*s)
	var by, consciousness any
	if s.RecordedBy != 0 {
		by = s.RecordedBy
	}
	if s.Consciousness != "" {
		consciousness = s.Consciousness
	}
	id, err := q.InsertID(ctx, `INSERT INTO vitals (patient_id, recorded_by, recorded_at, temperature_dc, pulse_rate,
		respiratory_rate, systolic_bp, diastolic_bp, spo2, on_oxygen, consciousness, weight_hg, height_mm, news2_score, news2_risk)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.PatientID, by, s.RecordedAt, s.TemperatureDC, s.Pulse, s.Respiration, s.Systolic, s.Diastolic, s.SpO2,
		s.OnOxygen, consciousness, s.WeightHG, s.HeightMM, n.Score, s.Risk())
	s.ID = id
	return err
}

func get(ctx context.Context, q db.Querier, id int64) (Set, error) {
	return scan(q.QueryRow(ctx, "SELECT "+columns+" FROM vitals WHERE id = ?", id))
}

func lock(ctx context.Context, tx *db.Tx, id int64) (Set, error) {
	return scan(tx.QueryRow(ctx, "SELECT "+columns+" FROM vitals WHERE id = ?"+db.ForUpdate(tx), id))
}

// ofPatient returns the patient's newest sets, newest first (index vitals_patient_idx).
func ofPatient(ctx context.Context, q db.Querier, patientID int64, limit int) ([]Set, error) {
	return db.Collect(scan)(q.Query(ctx, "SELECT "+columns+" FROM vitals WHERE patient_id = ? ORDER BY recorded_at DESC, id DESC LIMIT ?", patientID, limit))
}

// byIDs returns the sets with the given ids.
func byIDs(ctx context.Context, q db.Querier, ids []int64) ([]Set, error) {
	return db.Collect(scan)(q.Query(ctx, "SELECT "+columns+" FROM vitals WHERE id IN ("+db.Placeholders(len(ids))+")", db.Args(ids)...))
}
