package queue

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strconv"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/live"
	ui "healthsynx/internal/web"
)

// The live parts of the queue pages. Every committed change of an entry is published on
// the hospital-wide topic and on its department's; a page's stream re-renders its part
// from the database on each event, so the event itself carries nothing.

// TopicAll is the topic of every change of the queue (nurses, administrators, the desks).
const TopicAll = "queue:all"

// DepartmentTopic is the topic of the changes of one department's entries (0: the
// entries of no department), which its doctors' pages follow.
func DepartmentTopic(departmentID int64) string {
	return "queue:dept:" + strconv.FormatInt(departmentID, 10)
}

// LiveUpdates is a Service.OnChange that publishes each change on hub. It runs on the
// request's goroutine after the commit: the hub hands the events to this instance's
// subscribers at once and, on PostgreSQL, tells the others with one NOTIFY per topic.
func LiveUpdates(hub *live.Hub) func(Event) {
	return func(ev Event) {
		ctx := context.Background() // the change has committed: announce it even if the request is gone
		hub.Publish(ctx, DepartmentTopic(ev.DepartmentID), nil)
		hub.Publish(ctx, TopicAll, nil)
	}
}

// topicOf is what the caller's queue page follows: a doctor their department, anyone
// else the whole hospital (their view spans departments).
func topicOf(p *auth.Principal) string {
	if p.Role == auth.RoleDoctor && !p.FullAccess() {
		return DepartmentTopic(p.DepartmentID)
	}
	return TopicAll
}

// fragments are the live parts, rendered by this module both into the pages and for
// the streams, so that an update looks exactly like the page it replaces.
var fragments = template.Must(template.New("fragments").Funcs(template.FuncMap{"badge": ui.Badge}).
	ParseFS(templateFS, "templates/fragments/*.html"))

func renderFragment(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	err := fragments.ExecuteTemplate(&buf, name, data)
	// html/template escaped what it wrote.
	return template.HTML(buf.String()), err
}

// liveBoard streams the caller's part of the queue (fragments/board.html).
func (pg *pages) liveBoard(w http.ResponseWriter, r *http.Request) {
	p := auth.FromContext(r.Context())
	pg.hub.Stream(w, r, []string{topicOf(p)}, func(live.Event) ([]byte, error) {
		h, err := pg.board(r.Context(), p)
		return []byte(h), err
	})
}

// liveSummary streams the triage desk's summary (fragments/summary.html).
func (pg *pages) liveSummary(w http.ResponseWriter, r *http.Request) {
	pg.hub.Stream(w, r, []string{TopicAll}, func(live.Event) ([]byte, error) {
		h, err := pg.summary(r.Context())
		return []byte(h), err
	})
}
