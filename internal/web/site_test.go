package web

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"healthsynx/internal/platform/auth"
)

func newTestSite(t *testing.T, extra ...fs.FS) *Site {
	t.Helper()
	s, err := NewSite("Test Hospital", extra...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var nurse = &auth.Principal{UserID: 7, Username: "nurse.wanjiru", Role: auth.RoleNurse, Method: "session", CSRFToken: "tok-123"}

// render renders a page as user (nil: anonymous) would get it at path.
func render(t *testing.T, s *Site, user *auth.Principal, path string, status int, name, title string, data any) string {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	if user != nil {
		r = r.WithContext(auth.WithPrincipal(r.Context(), user))
	}
	w := httptest.NewRecorder()
	s.Render(w, r, status, name, title, data)
	if w.Code != status {
		t.Fatalf("%s: status %d, want %d\n%s", name, w.Code, status, w.Body)
	}
	return w.Body.String()
}

// cspProblems lists what the Content-Security-Policy (script-src 'self';
// style-src 'self') would block: inline scripts, styles and event handlers.
func cspProblems(html string) []string {
	var out []string
	for _, loc := range scriptTag.FindAllStringIndex(html, -1) {
		tag := html[loc[0]:loc[1]]
		if !strings.Contains(tag, " src=") || !strings.HasPrefix(html[loc[1]:], "</script>") {
			out = append(out, tag)
		}
	}
	return append(out, inlineStyleOrHandler.FindAllString(html, -1)...)
}

var (
	scriptTag            = regexp.MustCompile(`(?i)<script\b[^>]*>`)
	inlineStyleOrHandler = regexp.MustCompile(`(?i)\sstyle\s*=|<style|\son[a-z]+\s*=|javascript:`)
)

func TestEveryPageObeysTheCSPAndTheSizeBudget(t *testing.T) {
	s := newTestSite(t)
	pages := map[string]string{
		"login":     render(t, s, nil, "/login/", 200, "login.html", "Sign in", LoginForm{Next: "/app/", Username: "x", Error: "Wrong username or password."}),
		"dashboard": render(t, s, nurse, "/app/", 200, "dashboard.html", "Nurse dashboard", nil),
		"404":       render(t, s, nil, "/nope/", 404, "error.html", "Page not found", ErrorData{Status: 404, Heading: "Page not found"}),
		"confirm": render(t, s, nurse, "/invoices/4/void/", 200, "confirm.html", "Void invoice", Confirm{
			Heading: "Void invoice INV-4?", Action: "/invoices/4/void/", Submit: "Void invoice", Cancel: "/invoices/4/",
			Danger: true, Reason: true, Hidden: map[string]string{"version": "3"},
		}),
	}
	for name, html := range pages {
		if p := cspProblems(html); len(p) > 0 {
			t.Errorf("%s: the CSP would block %q", name, p)
		}
		if len(html) > 100<<10 {
			t.Errorf("%s: %d bytes, over the 100 KB budget", name, len(html))
		}
		if !strings.Contains(html, `<a class="skip" href="#main">`) || !strings.Contains(html, `<main id="main"`) {
			t.Errorf("%s: no skip link to the main content", name)
		}
	}
	for bad, want := range map[string]int{
		`<p style="color:red">`: 1, `<script>alert(1)</script>`: 1, `<button onclick="x()">`: 1,
		`<script src="/a.js">alert(1)</script>`: 1, `<script src="/static/app.js?v=1" defer></script>`: 0,
	} {
		if got := len(cspProblems(bad)); got != want {
			t.Errorf("the CSP check finds %d problems in %s, want %d", got, bad, want)
		}
	}
}

func TestLayoutForASignedInUser(t *testing.T) {
	AddNav("Triage", "/test-nav/triage/", auth.RoleNurse)
	AddNav("Pharmacy stock", "/test-nav/pharmacy/", auth.RolePharmacist)
	html := render(t, newTestSite(t), nurse, "/test-nav/triage/42/", 200, "dashboard.html", "Triage", nil)

	for _, want := range []string{
		`<details class="menu">`,
		`<nav class="nav" aria-label="Main">`,
		`<a href="/app/">Dashboard</a>`,
		`<a href="/test-nav/triage/" aria-current="page">Triage</a>`,
		`nurse.wanjiru`, `Nurse`,
		`<form method="post" action="/logout/"><input type="hidden" name="csrf" value="tok-123">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("layout misses %s", want)
		}
	}
	if strings.Contains(html, "/test-nav/pharmacy/") {
		t.Error("a nurse sees the pharmacist's navigation")
	}
}

func TestAnonymousPagesHaveNoMenu(t *testing.T) {
	html := render(t, newTestSite(t), nil, "/login/", 200, "login.html", "Sign in", LoginForm{Next: "/app/patients/"})
	if strings.Contains(html, `class="menu"`) || strings.Contains(html, "/logout/") {
		t.Error("the login page shows the signed-in menu")
	}
	for _, want := range []string{
		`<form method="post" action="/login/"`,
		`<input type="hidden" name="csrf" value="">`,
		`<input type="hidden" name="next" value="/app/patients/">`,
		`<label for="username">`, `name="username"`, `<label for="password">`, `name="password" type="password"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("login page misses %s", want)
		}
	}
}

func TestFieldShowsErrorsBesideTheFieldAndKeepsTheValue(t *testing.T) {
	s := newTestSite(t, fstest.MapFS{"patient.html": {Data: []byte(`{{define "content"}}
{{template "form-errors" .Data.Form}}
{{template "field" (.Data.Form.Field "phone" "Phone number" "type=tel" "required" "autocomplete=tel" "hint=With the country code.")}}
{{template "field" (.Data.Form.Field "notes" "Notes" "type=textarea")}}
{{template "field" (.Data.Form.Select "sex" "Sex" .Data.Sexes "required")}}
{{end}}`)}})
	form := &Form{
		Values: url.Values{"phone": {`0712 <345>`}, "notes": {"Allergic to penicillin"}, "sex": {"F"}},
		Errors: map[string][]string{"phone": {"Enter a valid phone number."}, NonFieldErrors: {"This patient is already registered."}},
	}
	data := struct {
		Form  *Form
		Sexes []Choice
	}{form, []Choice{{"F", "Female"}, {"M", "Male"}}}
	html := render(t, s, nurse, "/patients/new/", 422, "patient.html", "New patient", data)

	for _, want := range []string{
		// the summary at the top, with the error of no particular field
		`<div class="form-error" role="alert">`, `<li>This patient is already registered.</li>`,
		// the phone: label, hint and error tied to the input; the value kept, escaped
		`<label for="field-phone">Phone number</label>`,
		`<p class="hint" id="field-phone-hint">With the country code.</p>`,
		`<p class="field-error" id="field-phone-error">Enter a valid phone number.</p>`,
		`<input id="field-phone" name="phone" type="tel" value="0712 &lt;345&gt;" required autocomplete="tel" aria-describedby="field-phone-hint field-phone-error" aria-invalid="true">`,
		// an optional textarea without errors
		`<label for="field-notes">Notes <span class="optional">(optional)</span></label>`,
		`<textarea id="field-notes" name="notes" rows="4">Allergic to penicillin</textarea>`,
		// the select keeps the choice
		`<option value="F" selected>Female</option>`, `<option value="M">Male</option>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("form misses %s", want)
		}
	}
	if strings.Contains(html, `id="field-notes-error"`) || strings.Contains(html, `name="notes" rows="4" aria-invalid`) {
		t.Error("a field without errors is marked invalid")
	}
}

func TestFieldRejectsUnknownOptions(t *testing.T) {
	if _, err := (&Form{}).Field("dob", "Date of birth", "typ=date"); err == nil {
		t.Fatal("a misspelt option was accepted")
	}
	var empty *Form
	f, err := empty.Field("dob", "Date of birth", "type=date", "required")
	if err != nil || f.Value != "" || f.Type != "date" || !f.Required || f.DescribedBy() != "" {
		t.Fatalf("field of a nil form: %+v, %v", f, err)
	}
}

func TestConfirmPageAsksForAReason(t *testing.T) {
	html := render(t, newTestSite(t), nurse, "/invoices/4/void/", 200, "confirm.html", "Void invoice", Confirm{
		Heading: "Void invoice INV-4?", Message: "The charges go back to unbilled.", Action: "/invoices/4/void/",
		Submit: "Void invoice", Cancel: "/invoices/4/", Danger: true, Reason: true,
		Hidden: map[string]string{"version": "3"},
		Form:   &Form{Errors: map[string][]string{"reason": {"This field is required."}}},
	})
	for _, want := range []string{
		`<form method="post" action="/invoices/4/void/" class="form">`,
		`<input type="hidden" name="csrf" value="tok-123">`,
		`<input type="hidden" name="version" value="3">`,
		`<textarea id="field-reason" name="reason" rows="4" required aria-describedby="field-reason-hint field-reason-error" aria-invalid="true">`,
		`<button type="submit" class="button danger">Void invoice</button>`,
		`<a class="button secondary" href="/invoices/4/">Cancel</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("confirm page misses %s", want)
		}
	}
}

func TestComponents(t *testing.T) {
	s := newTestSite(t, fstest.MapFS{"board.html": {Data: []byte(`{{define "content"}}
{{template "stats" .Data.Stats}}{{template "empty" (empty "No one is waiting" "New arrivals appear here." "/patients/new/" "Register a patient")}}
{{template "pager" .Data.Pager}}{{badge "sent_to_lab"}} {{badge "unpaid"}} {{badge "made_up"}}{{.Data.Chart.SVG}}
{{end}}`)}})
	html := render(t, s, nurse, "/app/", 200, "board.html", "Board", struct {
		Stats []Stat
		Pager Pager
		Chart BarChart
	}{
		Stats: []Stat{{Label: "Waiting", Value: "12", Note: "longest 42 min", Href: "/queue/", Tone: "warn"}},
		Pager: Pager{Next: "/queue/?page=2", Summary: "1–20 of 31"},
		Chart: BarChart{Title: "Revenue", Bars: []Bar{{"Mon", 3}}},
	})
	for _, want := range []string{
		`<li class="stat stat-warn">`, `<span class="stat-value"><a href="/queue/">12</a></span>`, `<span class="stat-note">longest 42 min</span>`,
		`<p class="empty-title">No one is waiting</p>`, `<a class="button" href="/patients/new/">Register a patient</a>`,
		`<a href="/queue/?page=2" rel="next">Next →</a>`, `<span class="pager-summary">1–20 of 31</span>`,
		`<span class="badge badge-info">Sent to lab</span>`, `<span class="badge badge-danger">Unpaid</span>`, `<span class="badge badge-neutral">Made up</span>`,
		`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bar"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page misses %s", want)
		}
	}
	if strings.Contains(html, `rel="prev"`) {
		t.Error("the first page links to a previous one")
	}
	if _, err := NewEmpty("a", "b", "/only-href/"); err == nil {
		t.Error("empty accepted a link without a label")
	}
}

func TestSiteRejectsPagesThatShadowTheLayout(t *testing.T) {
	for _, name := range []string{"layout.html", "components.html", "login.html"} {
		if _, err := NewSite("x", fstest.MapFS{name: {Data: []byte(`{{define "content"}}{{end}}`)}}); err == nil {
			t.Errorf("a module page named %s was accepted", name)
		}
	}
}

func TestStaticAssets(t *testing.T) {
	h := newTestSite(t).Static()
	for path, wantType := range map[string]string{
		"/static/app.css": "text/css", "/static/app.js": "text/javascript", "/static/favicon.svg": "image/svg+xml",
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), wantType) {
			t.Errorf("%s: %d %s", path, w.Code, w.Header().Get("Content-Type"))
		}
		if !strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("%s is not cached", path)
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/static/", nil))
	if w.Code != http.StatusNotFound {
		t.Errorf("directory listing: %d", w.Code)
	}
}
