package vitals

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"strconv"
	"time"

	"healthsynx/internal/departments"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
	ui "healthsynx/internal/web"
)

//go:embed templates/*.html templates/fragments/*.html
var templateFS embed.FS

// Templates are the module's page templates, for web.NewSite. The fragments, which the
// module renders itself (a section of the patient page), stay out of the site.
func Templates() fs.FS { return ui.ModuleTemplates(templateFS) }

// Standing is where a patient stands in the doctor queue, as the caller sees it.
type Standing struct {
	// Status is the open visit's status; "" when the patient is not in the queue.
	Status       string
	DepartmentID int64
	Department   string
	Doctor       string // the doctor holding the visit, if any
	Urgent       bool
	// Position is the patient's place among those waiting in the department (1 is
	// next), and Waiting how many wait there; both 0 when the patient is not waiting.
	Position, Waiting int
}

// QueueView is what the vitals pages need of the doctor queue, which vitals cannot
// import (the queue shows vitals): queue.Service implements it.
type QueueView interface {
	Standing(ctx context.Context, p *auth.Principal, patientID int64) (Standing, error)
}

// PageDeps are the other modules the pages use, wired by the composition root.
type PageDeps struct {
	Departments *departments.Service // the queues a patient can join
	Queue       QueueView
	// DefaultDepartment is the queue a patient who is in none is offered first
	// (queue.DefaultDepartment).
	DefaultDepartment string
	Location          *time.Location // the hospital's time zone, for the times shown
}

// pages serves the vitals pages through the same service as the API.
type pages struct {
	svc  *Service
	site *ui.Site
	PageDeps
}

// PageRoutes registers the pages: recording a set (triage) and its result for nurses
// and doctors, and a patient's own vitals. The history on a patient's page is a section
// of that page (PatientSection).
func (s *Service) PageRoutes(rt *web.Router, site *ui.Site, deps PageDeps) {
	pg := &pages{svc: s, site: site, PageDeps: deps}
	page := rt.Page
	page("GET", "/app/patients/{id}/vitals/new/", auth.VitalsWrite, pg.recordForm)
	page("POST", "/app/patients/{id}/vitals/new/", auth.VitalsWrite, pg.record)
	page("GET", "/app/patients/{id}/vitals/{set}/", auth.VitalsRead, pg.result)
	page("GET", "/app/my/vitals/", auth.PatientSelf, pg.mine)
	ui.AddNav("My vitals", "/app/my/vitals/", auth.RolePatient)
}

// RecordURL is the page that records a set of vitals for a patient.
func RecordURL(patientID int64) string {
	return "/app/patients/" + strconv.FormatInt(patientID, 10) + "/vitals/new/"
}

func setURL(patientID, setID int64) string {
	return "/app/patients/" + strconv.FormatInt(patientID, 10) + "/vitals/" + strconv.FormatInt(setID, 10) + "/"
}

// patient is the live patient of the page's path, or the 404 page: vitals are recorded
// for registered patients only.
func (pg *pages) patient(w http.ResponseWriter, r *http.Request) (patients.Ref, bool) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return patients.Ref{}, false
	}
	ref, err := pg.svc.Patients.Ref(r.Context(), pg.svc.DB, id)
	if err != nil {
		pg.site.Error(w, r, err)
		return ref, false
	}
	return ref, true
}
