package queue

import (
	"context"
	"fmt"
	"html/template"
	"strconv"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/vitals"
)

// The queue as the pages show it: the board (fragments/board.html) of whoever looks —
// a doctor's own queue, everyone's for nurses and administrators, the patients sent to
// a desk — and the triage desk's summary (fragments/summary.html).

// board is what fragments/board.html shows: its tables, and what to say when the main
// one (the waiting list, or the desk's) is empty.
type board struct {
	Tables []boardTable
	Empty  *emptyBoard
}

type boardTable struct {
	ID, Caption string
	When        string // the heading of the time column
	Rows        []boardRow
	Actions     bool // the rows link to the triage form
}

type emptyBoard struct{ Title, Text string }

// boardRow is one patient of the board.
type boardRow struct {
	Name, MRN  string
	Href       string // the consultation (doctors) or the patient page; "" for the desks
	Record     string // the triage form, for those who record vitals
	Department string
	Doctor     string
	Status     Status
	Urgent     bool
	NEWS2      template.HTML
	Vitals     []string // each measurement with its unit
	Since      string   // when the patient started waiting, was called, or was sent
}

// deskTitles names what each desk's board lists.
var deskTitles = map[auth.Role]string{
	auth.RolePharmacist:  "Sent to the pharmacy in the last 24 hours",
	auth.RoleLabTech:     "Sent to the lab",
	auth.RoleImagingTech: "Sent to imaging",
}

// board renders the caller's board in at most eight queries, whatever its length.
func (pg *pages) board(ctx context.Context, p *auth.Principal) (template.HTML, error) {
	b, err := pg.svc.boardOf(ctx, p)
	if err != nil {
		return "", err
	}
	return renderFragment("board.html", b)
}

// boardOf gathers the caller's board: a desk's patients (List), or the patients with a
// doctor (List) and those waiting, in call order (Waiting).
func (s *Service) boardOf(ctx context.Context, p *auth.Principal) (board, error) {
	firstPage := func() *web.PageRequest { return &web.PageRequest{Page: 1, Size: web.MaxPageSize} }
	if title, desk := deskTitles[p.Role]; desk && !p.FullAccess() {
		sent, _, err := s.List(ctx, p, ListFilter{}, firstPage())
		if err != nil || len(sent) == 0 {
			return board{Empty: &emptyBoard{"Nobody has been sent to you", "Patients appear here, without reloading, when a doctor sends them."}}, err
		}
		return board{Tables: []boardTable{{ID: "desk", Caption: fmt.Sprintf("%s: %d", title, len(sent)), When: "Since",
			Rows: s.rows(p, sent, false)}}}, nil
	}
	waiting, total, err := s.Waiting(ctx, p, WaitingPage)
	if err != nil {
		return board{}, err
	}
	with, _, err := s.List(ctx, p, ListFilter{Status: WithDoctor}, firstPage())
	if err != nil {
		return board{}, err
	}
	doctor := p.Role == auth.RoleDoctor
	actions := !doctor && auth.Allows(p, auth.VitalsWrite)
	var b board
	if len(with) > 0 {
		caption := "With a doctor: "
		if doctor {
			caption = "With you: "
		}
		b.Tables = append(b.Tables, boardTable{ID: "with", Caption: caption + strconv.Itoa(len(with)), When: "Called",
			Rows: s.rows(p, with, doctor), Actions: actions})
	}
	if len(waiting) == 0 {
		b.Empty = &emptyBoard{"Nobody is waiting", "Patients appear here, without reloading, as soon as a nurse records their vitals."}
		return b, nil
	}
	count := strconv.Itoa(total)
	if total > len(waiting) {
		count += fmt.Sprintf(" (the first %d shown)", len(waiting))
	}
	b.Tables = append(b.Tables, boardTable{ID: "waiting", Caption: "Waiting: " + count + ", next to be called first",
		When: "Waiting since", Rows: s.rows(p, waiting, doctor), Actions: actions})
	return b, nil
}

// rows shows entries to p: a doctor opens the consultation, the clinical staff the
// patient's page and the triage form.
func (s *Service) rows(p *auth.Principal, entries []Entry, consult bool) []boardRow {
	patientPage := auth.Allows(p, auth.PatientsRead)
	record := auth.Allows(p, auth.VitalsWrite) && !consult
	out := make([]boardRow, len(entries))
	for i, e := range entries {
		row := boardRow{Name: e.Patient.FullName, MRN: e.Patient.MRN, Department: e.DepartmentName, Doctor: e.DoctorName,
			Status: e.Status, Urgent: e.Urgent}
		switch {
		case consult:
			// A doctor's queue is their department's, and the patients with them are theirs.
			row.Href, row.Department, row.Doctor = VisitURL(e.ID), "", ""
		case patientPage:
			row.Href = "/app/patients/" + strconv.FormatInt(e.Patient.ID, 10) + "/"
		}
		if record {
			row.Record = vitals.RecordURL(e.Patient.ID)
		}
		if e.Vitals != nil {
			row.NEWS2, row.Vitals = vitals.NEWS2Badge(e.Vitals.NEWS2), vitals.Measures(*e.Vitals)
		}
		switch e.Status {
		case Waiting:
			row.Since = s.clockOf(&e.WaitingSince)
		case WithDoctor:
			row.Since = s.clockOf(e.CalledAt)
		default:
			row.Since = s.clockOf(&e.UpdatedAt)
		}
		out[i] = row
	}
	return out
}

// summary is what fragments/summary.html shows.
type summary struct {
	Waiting, TriagedToday int
	Longest               []waiter
}

// waiter is one of the patients who have waited longest.
type waiter struct {
	Name, Href, Record, Department, Since string
	Risk                                  template.HTML
	Urgent                                bool
}

// summary renders the triage desk's summary (NurseSummary: four queries).
func (pg *pages) summary(ctx context.Context) (template.HTML, error) {
	sum, err := pg.svc.NurseSummary(ctx)
	if err != nil {
		return "", err
	}
	out := summary{Waiting: sum.Waiting, TriagedToday: sum.TriagedToday, Longest: make([]waiter, len(sum.Longest))}
	for i, w := range sum.Longest {
		out.Longest[i] = waiter{Name: w.PatientName, Href: "/app/patients/" + strconv.FormatInt(w.PatientID, 10) + "/",
			Record: vitals.RecordURL(w.PatientID), Department: w.Department, Since: pg.svc.clock(w.WaitingSince),
			Risk: vitals.RiskBadge(riskOf(w.Priority)), Urgent: w.Priority%2 == 1}
	}
	return renderFragment("summary.html", out)
}

// riskOf reads the NEWS2 risk back from a priority (see priority): the summary lists
// entries without their vitals. A patient queued without vitals reads as low.
func riskOf(p int) vitals.Risk {
	switch p / 2 {
	case 3:
		return vitals.RiskHigh
	case 2:
		return vitals.RiskMedium
	case 1:
		return vitals.RiskLowMedium
	}
	return vitals.RiskLow
}
