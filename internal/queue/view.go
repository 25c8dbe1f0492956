package queue

import (
	"context"

	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/vitals"
)

// Entry is a queue entry as the API shows it: the original's {id, patient, vitals,
// doctor, status, created_at, updated_at} with the department, the priority, the visit's
// times and the statuses it may move to.
type Entry struct {
	ID int64 `json:"id"`
	// Patient is the full patient for the clinical roles; the pharmacy, lab and imaging
	// desks get the name, username and MRN only, the other fields empty.
	Patient        patients.Patient `json:"patient"`
	Vitals         *vitals.Vitals   `json:"vitals"`
	Doctor         *int64           `json:"doctor"`
	DoctorName     string           `json:"doctor_name"`
	Status         Status           `json:"status"`
	NextStatuses   []Status         `json:"next_statuses"`
	Department     *int64           `json:"department"`
	DepartmentName string           `json:"department_name"`
	// Priority is twice the NEWS2 band (high 3, medium 2, low-medium 1, low 0), plus one
	// when urgent: higher is seen first.
	Priority     int     `json:"priority"`
	Urgent       bool    `json:"urgent"`
	CreatedAt    string  `json:"created_at"`
	UpdatedAt    string  `json:"updated_at"`
	WaitingSince string  `json:"waiting_since"`
	CalledAt     *string `json:"called_at"`
	CompletedAt  *string `json:"completed_at"`
}

// entries builds the representations of rows with two more queries, whatever their
// number: the patients and the vitals, each in one batch.
func (s *Service) entries(ctx context.Context, q db.Querier, p *auth.Principal, rows []entry) ([]Entry, error) {
	out := make([]Entry, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	patientIDs := make([]int64, 0, len(rows))
	var vitalsIDs []int64
	for _, e := range rows {
		patientIDs = append(patientIDs, e.PatientID)
		if e.VitalsID != 0 {
			vitalsIDs = append(vitalsIDs, e.VitalsID)
		}
	}
	pts, err := s.Patients.Patients(ctx, q, patientIDs)
	if err != nil {
		return nil, err
	}
	vs, err := s.Vitals.ByIDs(ctx, q, vitalsIDs)
	if err != nil {
		return nil, err
	}
	full := auth.Allows(p, auth.PatientsRead)
	for i, e := range rows {
		pt := pts[e.PatientID]
		if !full {
			pt = patients.Patient{ID: pt.ID, Username: pt.Username, FirstName: pt.FirstName, LastName: pt.LastName,
				FullName: pt.FullName, MRN: pt.MRN}
		}
		out[i] = e.view(pt)
		if v, ok := vs[e.VitalsID]; ok {
			out[i].Vitals = &v
		}
	}
	return out, nil
}

// view is the representation of e about patient pt, without its vitals.
func (e entry) view(pt patients.Patient) Entry {
	v := Entry{ID: e.ID, Patient: pt, DoctorName: e.DoctorName, Status: e.Status, NextStatuses: e.Status.Next(),
		DepartmentName: e.DepartmentName, Priority: e.Priority, Urgent: e.Urgent,
		CreatedAt: web.Time(e.CreatedAt), UpdatedAt: web.Time(e.UpdatedAt), WaitingSince: web.Time(e.WaitingSince),
		CalledAt: web.TimePtr(e.CalledAt), CompletedAt: web.TimePtr(e.CompletedAt)}
	if e.DoctorID != 0 {
		id := e.DoctorID
		v.Doctor = &id
	}
	if e.DepartmentID != 0 {
		id := e.DepartmentID
		v.Department = &id
	}
	return v
}
