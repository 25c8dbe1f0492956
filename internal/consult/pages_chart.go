package consult

import (
	"strings"
	"time"

	ui "healthsynx/internal/web"
)

// The patient's chart on the consultation page: their notes, the latest first, with
// the writer's line breaks kept, and the diagnoses those notes made.

// pastDiagnosis is a code the patient was diagnosed with, the latest time first.
type pastDiagnosis struct {
	Code
	At time.Time
}

// noteView is a note as the chart shows it.
type noteView struct {
	Note
	At        time.Time
	ThisVisit bool
	Parts     []notePart
	Addenda   []addendumView
	// Form is the addendum form: empty, or as sent back with its error.
	Form *ui.Form
}

// notePart is a part of a note the doctor wrote (history, examination, …), line by line.
type notePart struct {
	Title string
	Lines []string
}

type addendumView struct {
	Addendum
	At    time.Time
	Lines []string
}

// lines splits what was typed into its lines: the pages keep the writer's line breaks.
func lines(s string) []string {
	return strings.Split(strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"), "\n")
}

// parts are the written parts of a note, in the order a doctor writes them.
func parts(n Note) []notePart {
	var out []notePart
	for _, p := range []struct{ title, text string }{{"History", n.History}, {"Examination", n.Examination},
		{"Diagnosis (free text)", n.Diagnosis}, {"Plan", n.Plan}, {"Prescription", n.Prescription}} {
		if strings.TrimSpace(p.text) != "" {
			out = append(out, notePart{Title: p.title, Lines: lines(p.text)})
		}
	}
	return out
}

// chart shows the notes, and the diagnoses they made, the latest first (as List
// returns them), each code once.
func (pg *pages) chart(notes []Note, visit int64, f forms) ([]noteView, []pastDiagnosis) {
	views := make([]noteView, len(notes))
	var dx []pastDiagnosis
	seen := map[string]bool{}
	for i, n := range notes {
		v := noteView{Note: n, At: pg.local(n.CreatedAt), ThisVisit: n.QueueItem == visit, Parts: parts(n)}
		for _, a := range n.Addenda {
			v.Addenda = append(v.Addenda, addendumView{Addendum: a, At: pg.local(a.CreatedAt), Lines: lines(a.Text)})
		}
		v.Form = &ui.Form{}
		if f.addendumTo == n.ID {
			v.Form = f.addendum
		}
		views[i] = v
		for _, c := range n.Diagnoses {
			if !seen[c.Code] {
				seen[c.Code] = true
				dx = append(dx, pastDiagnosis{Code: c, At: v.At})
			}
		}
	}
	return views, dx
}
