package web

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"healthsynx/internal/platform/auth"
)

func serveDashboard(t *testing.T, s *Site, user *auth.Principal) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "/app/", nil)
	r = r.WithContext(auth.WithPrincipal(r.Context(), user))
	w := httptest.NewRecorder()
	s.dashboard(w, r)
	return w
}

func TestDashboardShowsThePanelsOfTheRole(t *testing.T) {
	s := newTestSite(t, fstest.MapFS{
		"queue_panel.html": {Data: []byte(`{{define "panel"}}<section id="queue">{{template "stats" .}}</section>{{end}}`)},
		"note_panel.html":  {Data: []byte(`{{define "panel"}}<p id="note">{{.}}</p>{{end}}`)},
	})
	if err := s.AddPanel(Panel{Template: "queue_panel.html", Load: func(*http.Request) (any, error) {
		return []Stat{{Label: "Waiting", Value: "4"}}, nil
	}}, auth.RoleNurse, auth.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	if err := s.AddPanel(Panel{Template: "note_panel.html", Load: func(*http.Request) (any, error) {
		return "<b>escaped</b>", nil
	}}, auth.RoleNurse); err != nil {
		t.Fatal(err)
	}

	html := serveDashboard(t, s, nurse).Body.String()
	queue, note := strings.Index(html, `<section id="queue">`), strings.Index(html, `<p id="note">&lt;b&gt;escaped&lt;/b&gt;</p>`)
	if queue < 0 || note < queue {
		t.Errorf("the nurse's panels are missing, out of order or unescaped:\n%s", html)
	}
	if !strings.Contains(html, "<h1>Nurse dashboard</h1>") || strings.Contains(html, "on its way") {
		t.Error("the nurse's dashboard is not headed with the role, or shows the placeholder as well")
	}

	// A superuser sees the admin's panels, whatever the role on the account.
	root := &auth.Principal{UserID: 1, Username: "root", Role: auth.RoleDoctor, Superuser: true, Method: "session"}
	html = serveDashboard(t, s, root).Body.String()
	if !strings.Contains(html, "<h1>Administrator dashboard</h1>") || !strings.Contains(html, `id="queue"`) || strings.Contains(html, `id="note"`) {
		t.Errorf("superuser dashboard:\n%s", html)
	}

	// A role without panels is told what its dashboard will show.
	billing := &auth.Principal{UserID: 2, Username: "mary", Role: auth.RoleBilling, Method: "session"}
	html = serveDashboard(t, s, billing).Body.String()
	if !strings.Contains(html, "<h1>Billing officer dashboard</h1>") || !strings.Contains(html, "unpaid and part-paid invoices") {
		t.Errorf("billing placeholder:\n%s", html)
	}
}

func TestDashboardPanelFailures(t *testing.T) {
	s := newTestSite(t, fstest.MapFS{"p.html": {Data: []byte(`{{define "panel"}}x{{end}}`)}, "page.html": {Data: []byte(`{{define "content"}}{{end}}`)}})
	for _, name := range []string{"page.html", "missing.html"} {
		if err := s.AddPanel(Panel{Template: name}, auth.RoleNurse); err == nil {
			t.Errorf("a panel from %s was accepted", name)
		}
	}
	if err := s.AddPanel(Panel{Template: "p.html", Load: func(*http.Request) (any, error) { return nil, errors.New("database down") }}, auth.RoleNurse); err != nil {
		t.Fatal(err)
	}
	w := serveDashboard(t, s, nurse)
	if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "database down") {
		t.Errorf("a failing panel: %d\n%s", w.Code, w.Body)
	}
}
