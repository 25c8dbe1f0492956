package queue

import (
	"context"
	"time"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/vitals"
)

// DoctorDashboard is the doctor's dashboard (E-13): the original's total_patients and
// queue, scoped to the caller (B-25).
type DoctorDashboard struct {
	TotalPatients int              `json:"total_patients"`
	Queue         []DashboardEntry `json:"queue"`
}

// DashboardEntry is one patient of the doctor's dashboard: the original's {id,
// patient_name, status, created_at} with the latest vitals (their NEWS2 inside).
type DashboardEntry struct {
	ID           int64          `json:"id"`
	Patient      int64          `json:"patient"`
	PatientName  string         `json:"patient_name"`
	Status       Status         `json:"status"`
	Priority     int            `json:"priority"`
	Urgent       bool           `json:"urgent"`
	CreatedAt    string         `json:"created_at"`
	WaitingSince string         `json:"waiting_since"`
	Vitals       *vitals.Vitals `json:"vitals"`
}

// Doctor returns the dashboard of the caller: for a doctor, their department's waiting
// patients and the patients waiting for or with them; for an administrator, everyone
// waiting or with a doctor. Oldest first, as the original, at most WaitingLimit, in
// four queries whatever their number (B-32).
func (s *Service) Doctor(ctx context.Context, p *auth.Principal) (DoctorDashboard, error) {
	f := filter{statuses: []Status{Waiting, WithDoctor}}
	if p.Role == auth.RoleDoctor {
		f.doctor = &doctorView{departmentID: p.DepartmentID, userID: p.UserID}
	}
	n, err := countEntries(ctx, s.DB, f)
	if err != nil {
		return DoctorDashboard{}, errs.Wrap("queue.Doctor", err)
	}
	rows, err := listEntries(ctx, s.DB, f, oldestFirst, WaitingLimit, 0)
	if err != nil {
		return DoctorDashboard{}, errs.Wrap("queue.Doctor", err)
	}
	full, err := s.entries(ctx, s.DB, p, rows)
	if err != nil {
		return DoctorDashboard{}, errs.Wrap("queue.Doctor", err)
	}
	out := DoctorDashboard{TotalPatients: n, Queue: make([]DashboardEntry, len(full))}
	for i, e := range full {
		out.Queue[i] = DashboardEntry{ID: e.ID, Patient: e.Patient.ID, PatientName: e.Patient.FullName, Status: e.Status,
			Priority: e.Priority, Urgent: e.Urgent, CreatedAt: e.CreatedAt, WaitingSince: e.WaitingSince, Vitals: e.Vitals}
	}
	return out, nil
}

// NurseSummary is what the triage desk needs at a glance.
type NurseSummary struct {
	// Waiting counts the patients waiting for a doctor, in every department.
	Waiting int `json:"waiting"`
	// TriagedToday counts the visits opened since midnight, hospital time.
	TriagedToday int `json:"triaged_today"`
	// Longest are the patients who have waited longest, longest first.
	Longest []Waiter `json:"longest_waiting"`
}

// MsgNurseDashboard is the original's whole answer to the nurse's dashboard (E-15).
const MsgNurseDashboard = "Welcome Nurse! Dashboard ready."

// NurseDashboard is E-15: the original's message, with the summary it lacked.
type NurseDashboard struct {
	Message string `json:"message"`
	NurseSummary
}

// Waiter is a waiting patient on the nurse's summary.
type Waiter struct {
	EntryID      int64     `json:"entry"`
	PatientID    int64     `json:"patient"`
	PatientName  string    `json:"patient_name"`
	Department   string    `json:"department_name"`
	Priority     int       `json:"priority"`
	WaitingSince time.Time `json:"waiting_since"`
}

// longestShown is how many of the longest-waiting patients the summary names.
const longestShown = 5

// NurseSummary returns the triage desk's summary in four queries. The nurse dashboard
// (E-15) and its page show it.
func (s *Service) NurseSummary(ctx context.Context) (NurseSummary, error) {
	waiting := filter{statuses: []Status{Waiting}}
	n, err := countEntries(ctx, s.DB, waiting)
	if err != nil {
		return NurseSummary{}, errs.Wrap("queue.NurseSummary", err)
	}
	today, err := countSince(ctx, s.DB, s.midnight())
	if err != nil {
		return NurseSummary{}, errs.Wrap("queue.NurseSummary", err)
	}
	rows, err := listEntries(ctx, s.DB, waiting, longestFirst, longestShown, 0)
	if err != nil {
		return NurseSummary{}, errs.Wrap("queue.NurseSummary", err)
	}
	ids := make([]int64, len(rows))
	for i, e := range rows {
		ids[i] = e.PatientID
	}
	pts, err := s.Patients.Patients(ctx, s.DB, ids)
	if err != nil {
		return NurseSummary{}, errs.Wrap("queue.NurseSummary", err)
	}
	out := NurseSummary{Waiting: n, TriagedToday: today, Longest: make([]Waiter, len(rows))}
	for i, e := range rows {
		out.Longest[i] = Waiter{EntryID: e.ID, PatientID: e.PatientID, PatientName: pts[e.PatientID].FullName,
			Department: e.DepartmentName, Priority: e.Priority, WaitingSince: e.WaitingSince}
	}
	return out, nil
}

// midnight is the start of today in the hospital's time zone.
func (s *Service) midnight() time.Time {
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := time.Now().In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc).UTC()
}
