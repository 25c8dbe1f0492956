package queue

import (
	"context"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/vitals"
)

// Standing tells the triage pages (vitals.QueueView) where a patient stands in the
// queue as the caller sees it: their open visit, and, while they wait, their place in
// their department's line, in call order, and how many wait in it. Six queries at most,
// whatever the length of the line.
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
	raw, err := getEntry(ctx, s.DB, e.ID)
	if err != nil {
		return st, errs.Wrap("queue.Standing", err)
	}
	ahead, total, err := placeInLine(ctx, s.DB, raw)
	if err != nil {
		return st, errs.Wrap("queue.Standing", err)
	}
	st.Waiting = total
	if raw.Status == Waiting { // still, after the list was read
		st.Position = ahead + 1
	}
	return st, nil
}
