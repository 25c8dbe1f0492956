package queue

import (
	"context"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/vitals"
)

// Standing tells the triage pages (vitals.QueueView) where a patient stands in the
// queue as the caller sees it: their open visit, and, while they wait, their place in
// their department's line, in call order. Eight queries at most.
func (s *Service) Standing(ctx context.Context, p *auth.Principal, patientID int64) (vitals.Standing, error) {
	open, _, err := s.List(ctx, p, ListFilter{PatientID: patientID}, &web.PageRequest{Page: 1, Size: 1})
	if err != nil || len(open) == 0 {
		return vitals.Standing{}, err
	}
	e := open[0]
	st := vitals.Standing{Status: string(e.Status), Department: e.DepartmentName, Doctor: e.DoctorName, Urgent: e.Urgent}
	if e.Department != nil {
		st.DepartmentID = *e.Department
	}
	if e.Status != Waiting {
		return st, nil
	}
	// The caller's waiting list holds the department's line in call order; past
	// WaitingLimit the patient's place is not known, and only the count shows.
	waiting, _, err := s.Waiting(ctx, p, WaitingLimit)
	for _, w := range waiting {
		if !sameDepartment(w.Department, e.Department) {
			continue
		}
		st.Waiting++
		if w.ID == e.ID {
			st.Position = st.Waiting
		}
	}
	return st, err
}

// sameDepartment compares two entries' departments; nil is no department.
func sameDepartment(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
