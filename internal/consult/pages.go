package consult

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/queue"
	"healthsynx/internal/vitals"
	ui "healthsynx/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

// Templates are the module's page templates, for web.NewSite.
func Templates() fs.FS { return ui.ModuleTemplates(templateFS) }

// PageDeps are the other modules the pages use, wired by the composition root.
type PageDeps struct {
	Vitals   *vitals.Service // the vitals trend on the patient's chart
	Location *time.Location  // the hospital's time zone, for the times shown
}

// pages serves the consultation pages through the same services as the API.
type pages struct {
	svc  *Service
	site *ui.Site
	PageDeps
}

// PageRoutes registers the consultation page of a visit (a queue entry: the patient's
// chart, the note form, the status changes) and a patient's own visit summaries.
func (s *Service) PageRoutes(rt *web.Router, site *ui.Site, deps PageDeps) {
	pg := &pages{svc: s, site: site, PageDeps: deps}
	page := rt.Page
	// The visit's address is queue.VisitURL: the queue links here.
	page("GET", "/app/visits/{id}/", auth.NotesRead, pg.visit)
	page("POST", "/app/visits/{id}/notes/", auth.NotesWrite, pg.writeNote)
	page("POST", "/app/visits/{id}/notes/{note}/addenda/", auth.NotesWrite, pg.addAddendum)
	page("GET", "/app/visits/{id}/status/", auth.QueueManage, pg.confirmStatus)
	page("POST", "/app/visits/{id}/status/", auth.QueueManage, pg.changeStatus)
	page("GET", "/app/my/visits/", auth.PatientSelf, pg.myVisits)
	ui.AddNav("My visits", "/app/my/visits/", auth.RolePatient)
}

// chartNotes is how many of the patient's notes the chart shows, newest first.
const chartNotes = 20

// visitPage is what consult_visit.html shows.
type visitPage struct {
	Entry   queue.Entry
	Patient patients.Patient
	Age     string
	Where   string // where the visit stands, in words
	Actions []action
	// Latest is the patient's newest set of vitals (nil: none); Charts their trend.
	Latest    *latestVitals
	Charts    template.HTML
	Diagnoses []pastDiagnosis
	Notes     []noteView
	// Total is how many notes the patient has: the chart shows the latest chartNotes.
	Total     int
	NoteForm  *ui.Form
	DxRows    []dxRow
	Codes     []Code
	CanWrite  bool
	RecordURL string // the triage form, for those who record vitals
}

type latestVitals struct {
	Badge template.HTML
	Brief string
	At    time.Time
}

// forms are the forms of a visit page shown again after a refused post: the note
// form, or one note's addendum form.
type forms struct {
	note       *ui.Form
	addendumTo int64
	addendum   *ui.Form
}

func (pg *pages) visit(w http.ResponseWriter, r *http.Request) {
	if id, ok := pg.site.PathID(w, r); ok {
		pg.renderVisit(w, r, http.StatusOK, id, forms{})
	}
}

// renderVisit loads the visit and the patient's chart — eleven queries, whatever the
// length of the history — and shows them with the forms as given.
func (pg *pages) renderVisit(w http.ResponseWriter, r *http.Request, status int, id int64, f forms) {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	e, err := pg.svc.Queue.Get(ctx, p, id)
	var history []vitals.Vitals
	if err == nil {
		history, err = pg.Vitals.History(ctx, p, e.Patient.ID)
	}
	var notes []Note
	var total int
	if err == nil {
		notes, total, err = pg.svc.List(ctx, p, NoteFilter{PatientID: e.Patient.ID}, &web.PageRequest{Page: 1, Size: chartNotes})
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	if f.note == nil {
		f.note = &ui.Form{}
	}
	d := visitPage{Entry: e, Patient: e.Patient, Age: age(e.Patient.DOB, pg.location()), Where: pg.where(e),
		Charts: vitals.TrendCharts(history, pg.Location), Total: total, NoteForm: f.note, DxRows: dxRows(f.note),
		Codes: SearchICD10(""), CanWrite: auth.Allows(p, auth.NotesWrite)}
	if auth.Allows(p, auth.QueueManage) {
		d.Actions = actions(e.NextStatuses)
	}
	if !e.Patient.Archived && auth.Allows(p, auth.VitalsWrite) {
		d.RecordURL = vitals.RecordURL(e.Patient.ID)
	}
	if len(history) > 0 {
		v := history[0]
		d.Latest = &latestVitals{Badge: vitals.NEWS2Badge(v.NEWS2), Brief: vitals.Brief(v), At: vitals.RecordedAt(v, pg.Location)}
	}
	d.Notes, d.Diagnoses = pg.chart(notes, e.ID, f)
	pg.site.Render(w, r, status, "consult_visit.html", "Consultation: "+e.Patient.FullName, d)
}

// where says in words where the visit stands and since when.
func (pg *pages) where(e queue.Entry) string {
	dept := ""
	if e.DepartmentName != "" {
		dept = " in " + e.DepartmentName
	}
	switch e.Status {
	case queue.Waiting:
		return "Waiting" + dept + " since " + pg.clock(&e.WaitingSince) + "."
	case queue.WithDoctor:
		return "With " + e.DoctorName + dept + " since " + pg.clock(e.CalledAt) + "."
	case queue.SentToLab, queue.SentToImaging:
		return "Sent to " + strings.TrimPrefix(string(e.Status), "sent_to_") + " at " + pg.clock(&e.UpdatedAt) +
			": back in the queue when the results are in."
	case queue.Cancelled:
		return "Cancelled at " + pg.clock(e.CompletedAt) + "."
	}
	return "The visit ended at " + pg.clock(e.CompletedAt) + "."
}

// local reads a time as the API writes it (web.Time) in the hospital's time zone.
func (pg *pages) local(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{} // web.Time always parses
	}
	return t.In(pg.location())
}

// clock writes an optional API time as "2 Jan 2006 15:04".
func (pg *pages) clock(s *string) string {
	if s == nil {
		return "an unknown time"
	}
	return pg.local(*s).Format("2 Jan 2006 15:04")
}

func (pg *pages) location() *time.Location {
	if pg.Location == nil {
		return time.UTC
	}
	return pg.Location
}

// age is the patient's age in whole years today, "" when the date of birth is unknown.
func age(dob *patients.Date, loc *time.Location) string {
	if dob == nil {
		return ""
	}
	now := time.Now().In(loc)
	years := now.Year() - dob.Year()
	if now.Month() < dob.Month() || (now.Month() == dob.Month() && now.Day() < dob.Day()) {
		years--
	}
	if years < 2 {
		months := (now.Year()-dob.Year())*12 + int(now.Month()-dob.Month())
		if now.Day() < dob.Day() {
			months--
		}
		return strconv.Itoa(max(months, 0)) + " months"
	}
	return strconv.Itoa(years) + " years"
}
