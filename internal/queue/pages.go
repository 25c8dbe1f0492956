package queue

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"time"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/live"
	"healthsynx/internal/platform/web"
	ui "healthsynx/internal/web"
)

//go:embed templates/*.html templates/fragments/*.html
var templateFS embed.FS

// Templates are the module's page templates, for web.NewSite. The fragments, which the
// module renders itself for its live streams, stay out of the site.
func Templates() fs.FS { return ui.ModuleTemplates(templateFS) }

// pages serves the queue pages through the same service as the API.
type pages struct {
	svc  *Service
	site *ui.Site
	hub  *live.Hub
}

// PageRoutes registers the queue page, call next, the live streams, and the panels of
// the doctor's dashboard (their queue) and the nurse's (the triage desk's summary).
func (s *Service) PageRoutes(rt *web.Router, site *ui.Site, hub *live.Hub) {
	pg := &pages{svc: s, site: site, hub: hub}
	page := rt.Page
	page("GET", "/app/queue/", auth.QueueRead, pg.queue)
	page("POST", "/app/queue/next/", auth.QueueManage, pg.callNext)
	page("GET", "/app/queue/live/", auth.QueueRead, pg.liveBoard)
	page("GET", "/app/queue/live/summary/", auth.DashboardNurse, pg.liveSummary)
	ui.AddNav("Queue", "/app/queue/", auth.RoleDoctor, auth.RoleNurse, auth.RoleHospitalAdmin)
	for _, p := range []struct {
		panel ui.Panel
		role  auth.Role
	}{
		{ui.Panel{Template: "queue_page.html", Load: pg.doctorPanel}, auth.RoleDoctor},
		{ui.Panel{Template: "queue_nurse_panel.html", Load: pg.nursePanel}, auth.RoleNurse},
	} {
		if err := site.AddPanel(p.panel, p.role); err != nil {
			panic(err) // the templates are embedded: a missing one is a build defect
		}
	}
}

// VisitURL is the consultation page of a queue entry (the consult module serves it).
func VisitURL(entryID int64) string { return "/app/visits/" + strconv.FormatInt(entryID, 10) + "/" }

// queuePage is what queue_page.html shows; the doctor panel shows the same.
type queuePage struct {
	Board template.HTML
	// CallNext offers the button (doctors); CSRF is the session's form token, which a
	// panel does not otherwise get.
	CallNext bool
	CSRF     string
	From     string // where call next comes back to when nobody waits
}

func (pg *pages) queuePage(r *http.Request, from string) (queuePage, error) {
	p := auth.FromContext(r.Context())
	board, err := pg.board(r.Context(), p)
	return queuePage{Board: board, CallNext: p.Role == auth.RoleDoctor, CSRF: p.CSRFToken, From: from}, err
}

func (pg *pages) queue(w http.ResponseWriter, r *http.Request) {
	data, err := pg.queuePage(r, r.URL.Path)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.Render(w, r, http.StatusOK, "queue_page.html", "Queue", data)
}

func (pg *pages) doctorPanel(r *http.Request) (any, error) { return pg.queuePage(r, "/app/") }

func (pg *pages) nursePanel(r *http.Request) (any, error) { return pg.summary(r.Context()) }

// MsgNobodyWaiting answers call next on an empty queue.
const MsgNobodyWaiting = "Nobody is waiting in your department's queue."

// callNext gives the doctor the next patient and opens the consultation; with nobody
// waiting it goes back to where the doctor was, saying so.
func (pg *pages) callNext(w http.ResponseWriter, r *http.Request) {
	if !pg.site.ParseForm(w, r) {
		return
	}
	e, ok, err := pg.svc.CallNext(r.Context(), auth.FromContext(r.Context()))
	switch {
	case err != nil:
		pg.site.Error(w, r, err)
	case !ok:
		pg.site.SetFlash(w, r, MsgNobodyWaiting)
		http.Redirect(w, r, ui.SafeNext(r.PostForm.Get("from")), http.StatusSeeOther)
	default:
		pg.site.SetFlash(w, r, e.Patient.FullName+" (MRN "+e.Patient.MRN+") is now with you.")
		http.Redirect(w, r, VisitURL(e.ID), http.StatusSeeOther)
	}
}

// clock writes a time of today as "14:05" and an earlier one with its date, in the
// hospital's time zone.
func (s *Service) clock(t time.Time) string {
	loc := s.Location
	if loc == nil {
		loc = time.UTC
	}
	t, now := t.In(loc), time.Now().In(loc)
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return t.Format("15:04")
	}
	return t.Format("2 Jan 15:04")
}

// clockOf is clock for a time as an Entry writes it (web.Time); "" for none.
func (s *Service) clockOf(v *string) string {
	if v == nil {
		return ""
	}
	t, err := time.Parse(time.RFC3339Nano, *v)
	if err != nil {
		return "" // web.Time always parses
	}
	return s.clock(t)
}
