package patients

import (
	"context"
	"time"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// Service holds the patient use cases.
type Service struct {
	DB *db.DB
}

const patientColumns = `u.id, u.username, u.email, u.first_name, u.last_name, u.is_active, u.date_joined, u.phone, u.gender,
	p.mrn, p.dob, p.national_id, p.address, p.next_of_kin_name, p.next_of_kin_phone, p.next_of_kin_relationship,
	p.patient_type, p.archived_at`

const patientFrom = " FROM patient_profiles p JOIN users u ON u.id = p.user_id"

func scanPatient(row interface{ Scan(...any) error }) (Patient, error) {
	var p Patient
	var joined time.Time
	var dob *time.Time
	err := row.Scan(&p.ID, &p.Username, &p.Email, &p.FirstName, &p.LastName, &p.IsActive, &joined, &p.Phone, &p.Gender,
		&p.MRN, &dob, &p.NationalID, &p.Address, &p.NextOfKin.Name, &p.NextOfKin.Phone, &p.NextOfKin.Relationship,
		&p.PatientType, &p.ArchivedAt)
	if err != nil {
		return p, err
	}
	p.FullName = fullName(p.FirstName, p.LastName, p.Username)
	p.DateJoined = web.Time(joined)
	if dob != nil {
		p.DOB = &Date{dob.UTC()}
	}
	p.Archived = p.ArchivedAt != nil
	return p, nil
}

// Get returns one patient, archived or not, for code that already holds the id.
func (s *Service) get(ctx context.Context, q db.Querier, id int64) (Patient, error) {
	p, err := scanPatient(q.QueryRow(ctx, "SELECT "+patientColumns+patientFrom+" WHERE p.user_id = ?", id))
	if db.IsNoRows(err) {
		return p, errs.E(errs.NotFound, web.MsgNotFound)
	}
	return p, err
}

// Ref names a patient who is registered and not archived; anything else is NotFound.
// Other modules call it (inside their transaction, with q) before they write about a
// patient.
func (s *Service) Ref(ctx context.Context, q db.Querier, id int64) (Ref, error) {
	var r Ref
	var first, last string
	err := q.QueryRow(ctx, `SELECT u.id, u.username, u.first_name, u.last_name, p.mrn`+patientFrom+
		` WHERE p.user_id = ? AND p.archived_at IS NULL`, id).Scan(&r.ID, &r.Username, &first, &last, &r.MRN)
	if db.IsNoRows(err) {
		return r, errs.E(errs.NotFound, web.MsgNotFound)
	}
	if err != nil {
		return r, errs.Wrap("patients.Ref", err)
	}
	r.FullName = fullName(first, last, r.Username)
	return r, nil
}

// Patients returns the full representations of the given patients (archived ones
// included) in one query, keyed by id: lists that nest a patient use it instead of one
// query per row.
func (s *Service) Patients(ctx context.Context, q db.Querier, ids []int64) (map[int64]Patient, error) {
	out := make(map[int64]Patient, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(ids))
	seen := map[int64]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			args = append(args, id)
		}
	}
	rows, err := q.Query(ctx, "SELECT "+patientColumns+patientFrom+" WHERE p.user_id IN ("+db.Placeholders(len(args))+")", args...)
	if err != nil {
		return nil, errs.Wrap("patients.Patients", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPatient(rows)
		if err != nil {
			return nil, errs.Wrap("patients.Patients", err)
		}
		out[p.ID] = p
	}
	return out, errs.Wrap("patients.Patients", rows.Err())
}
