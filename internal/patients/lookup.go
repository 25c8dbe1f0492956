package patients

import (
	"context"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

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
