package vitals

import (
	"bytes"
	"html/template"
	"net/http"
	"time"

	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
)

// A patient's vitals history, drawn by this module outside the site's pages: as the
// "Vital signs" section of the patient page, and on a patient's own vitals page.

// historyRows is how many sets the history table lists; the charts draw as many.
const historyRows = trendPoints

var historyTemplate = template.Must(template.New("history.html").ParseFS(templateFS, "templates/fragments/history.html"))

// history is what fragments/history.html shows.
type history struct {
	Rows   []historyRow
	Total  int
	Charts template.HTML
	// Record links to the triage form; "" for those who may not record, or when the
	// patient is archived.
	Record string
	// Self words the text for the patient reading their own vitals.
	Self bool
}

// historyRow is one set of the table.
type historyRow struct {
	Vitals
	At       time.Time
	Href     string // the set's own page; "" on the patient's own page
	Pressure string
	Badge    template.HTML
}

// renderHistory draws sets (newest first) in the hospital's time zone.
func renderHistory(sets []Vitals, loc *time.Location, record string, self bool) (template.HTML, error) {
	h := history{Total: len(sets), Charts: TrendCharts(sets, loc), Record: record, Self: self}
	for _, v := range sets[:min(len(sets), historyRows)] {
		row := historyRow{Vitals: v, At: RecordedAt(v, loc), Pressure: pressure(v), Badge: NEWS2Badge(v.NEWS2)}
		if !self {
			row.Href = setURL(v.Patient, v.ID)
		}
		h.Rows = append(h.Rows, row)
	}
	var buf bytes.Buffer
	err := historyTemplate.Execute(&buf, h)
	// html/template escaped what it wrote.
	return template.HTML(buf.String()), err
}

// PatientSection is the "Vital signs" part of a patient's page for the clinical roles:
// the trend charts, the latest sets and the link to record new ones.
func (s *Service) PatientSection(loc *time.Location) patients.Section {
	return patients.Section{ID: "vital-signs", Title: "Vital signs", Perm: auth.VitalsRead,
		Render: func(r *http.Request, p patients.Patient) (template.HTML, error) {
			viewer := auth.FromContext(r.Context())
			sets, err := s.History(r.Context(), viewer, p.ID)
			if err != nil {
				return "", err
			}
			record := ""
			if !p.Archived && auth.Allows(viewer, auth.VitalsWrite) {
				record = RecordURL(p.ID)
			}
			return renderHistory(sets, loc, record, false)
		}}
}

// minePage is what vitals_mine.html shows.
type minePage struct {
	History template.HTML
}

// mine is a patient's own vitals: the same charts and table as the staff see.
func (pg *pages) mine(w http.ResponseWriter, r *http.Request) {
	sets, err := pg.svc.Mine(r.Context(), auth.FromContext(r.Context()))
	var h template.HTML
	if err == nil {
		h, err = renderHistory(sets, pg.Location, "", true)
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.Render(w, r, http.StatusOK, "vitals_mine.html", "Your vitals", minePage{History: h})
}
