package e2e

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"healthsynx/internal/platform/auth"
	pweb "healthsynx/internal/platform/web"
	"healthsynx/internal/web"
)

// Until sign-in lands, the signed-in layout is exercised through the real
// Site, assets and security headers, with a nurse put into the request and a
// page (testdata/showcase.html) that uses every shared component.

var fixtureNav sync.Once

// startShell serves testdata/showcase.html at /showcase/ as a signed-in
// nurse, and a Server-Sent Events stream at /stream/ for the live hook.
func startShell(t *testing.T) *httptest.Server {
	t.Helper()
	// The navigation is process-wide: these links also show for the admin
	// role in the other tests of this binary, which do not look at them.
	fixtureNav.Do(func() {
		for _, l := range []string{"Patients", "Triage", "Queue", "Appointments", "Notifications"} {
			web.AddNav(l, "/fixture/"+l+"/", auth.RoleNurse)
		}
	})
	site, err := web.NewSite("HealthSynx Test Hospital", os.DirFS("testdata"))
	if err != nil {
		t.Fatal(err)
	}
	nurse := &auth.Principal{UserID: 4, Username: "nurse.akinyi", Role: auth.RoleNurse, Method: "session", CSRFToken: "fixture-token"}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", site.Static())
	mux.HandleFunc("GET /showcase/", func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(auth.WithPrincipal(r.Context(), nurse))
		site.Render(w, r, http.StatusOK, "showcase.html", "Triage desk", showcaseData())
	})
	mux.HandleFunc("GET /stream/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "data: <p><strong id=\"live-count\">7</strong> waiting</p>\n\n")
		_ = http.NewResponseController(w).Flush()
		select { // hold the stream open like a real one, but never past the test
		case <-r.Context().Done():
		case <-time.After(actionTimeout):
		}
	})
	ts := httptest.NewServer(pweb.Chain(mux, pweb.Options{}))
	t.Cleanup(ts.Close)
	return ts
}

type queueRow struct {
	MRN, Name, Department, Arrived, Status string
	Waited, Score                          int
}

func showcaseData() any {
	return struct {
		Stats []web.Stat
		Rows  []queueRow
		Pager web.Pager
		Line  web.LineChart
		Bars  web.BarChart
		Form  *web.Form
		Types []web.Choice
	}{
		Stats: []web.Stat{
			{Label: "Waiting for vitals", Value: "4", Href: "#queue-heading"},
			{Label: "Waiting for a doctor", Value: "12", Note: "longest 48 min", Tone: "warn"},
			{Label: "High NEWS2", Value: "1", Note: "Ward 3", Tone: "danger"},
			{Label: "Seen today", Value: "57", Tone: "ok"},
		},
		Rows: []queueRow{
			{"HSX-000123", "Amina Wanjiru Odhiambo", "General Medicine", "08:12", "waiting", 48, 2},
			{"HSX-000124", "Brian Kiprotich", "Paediatrics", "08:30", "with_doctor", 31, 0},
			{"HSX-000131", "Fatuma Hassan", "Emergency", "09:02", "sent_to_lab", 12, 7},
		},
		Pager: web.Pager{Prev: "?page=1", Next: "?page=3", Summary: "21–40 of 57"},
		Line: web.LineChart{
			Title: "Queue through the day", XLabel: "Time", YLabel: "Patients waiting", FromZero: true,
			Labels: []string{"07:00", "08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00"},
			Series: []web.Series{
				{Name: "Waiting", Values: []float64{1, 4, 9, 12, 10, 7, math.NaN(), 6, 5}},
				{Name: "With doctor", Values: []float64{0, 2, 3, 4, 4, 3, 2, 3, 3}},
			},
		},
		Bars: web.BarChart{
			Title: "Revenue by day", YLabel: "KES",
			Bars:   []web.Bar{{Label: "Mon", Value: 182000}, {Label: "Tue", Value: 154500}, {Label: "Wed", Value: 201250}, {Label: "Thu", Value: 0}, {Label: "Fri", Value: 176300}, {Label: "Sat", Value: 98000}, {Label: "Sun", Value: 45100}},
			Format: func(v float64) string { return web.FormatNumber(v) },
		},
		Form: &web.Form{
			Values: url.Values{"first_name": {"Amina"}, "phone": {"0712"}, "patient_type": {"outpatient"}},
			Errors: map[string][]string{"phone": {"Enter the number with its country code."}, "date_of_birth": {"This field is required."}},
		},
		Types: []web.Choice{{Value: "outpatient", Label: "Outpatient"}, {Value: "inpatient", Label: "Inpatient"}},
	}
}

func TestLayoutOnADesktop(t *testing.T) {
	Require(t)
	ts := startShell(t)
	p := NewPage(t, ts.URL)
	p.SetViewport(1280, 900)
	p.Navigate("/showcase/")

	// The navigation is a bar: no Menu button, every link on screen.
	if d := Eval[string](p, `getComputedStyle(document.querySelector(".menu > summary")).display`); d != "none" {
		t.Errorf("the Menu button shows on a desktop (display %s)", d)
	}
	// checkVisibility, unlike a box-model check, sees that the content of a
	// closed <details> is not rendered.
	if !Eval[bool](p, `[".nav a[href='/fixture/Notifications/']", ".who button"].every(s => document.querySelector(s).checkVisibility())`) {
		t.Error("the navigation or Sign out is hidden on a desktop")
	}

	// Keyboard: Tab reaches the skip link first, then the brand, then the navigation.
	p.Press("\t")
	if got := Eval[string](p, "document.activeElement.className"); got != "skip" {
		t.Fatalf("first Tab focused %q, want the skip link", got)
	}
	if top := Eval[float64](p, `document.activeElement.getBoundingClientRect().top`); top < 0 {
		t.Error("the focused skip link stays off screen")
	}
	p.Press("\t")
	p.Press("\t")
	if got := Eval[string](p, `document.activeElement.getAttribute("href")`); got != "/app/" {
		t.Errorf("third Tab focused %q, want the first navigation link", got)
	}
	if ring := Eval[string](p, `getComputedStyle(document.activeElement).outlineStyle`); ring == "none" {
		t.Error("the focused link shows no focus ring")
	}

	if got := p.Text("#live-count"); got != "7" {
		t.Errorf("live region shows %q, want the streamed count", got)
	}
	if n := p.Count(`svg.chart[role="img"][aria-label]`); n != 2 {
		t.Errorf("%d accessible charts, want 2", n)
	}
	if n := p.Count(`svg.chart-line circle.chart-point`); n != 17 {
		t.Errorf("%d points on the line chart, want 17 (one reading missing)", n)
	}
	if missing := Eval[[]string](p, unlabelledFields); len(missing) > 0 {
		t.Errorf("fields without a label: %q", missing)
	}
	// The error is read out with its field.
	if got := Eval[string](p, `document.getElementById(document.getElementById("field-phone").getAttribute("aria-describedby").split(" ").pop()).textContent`); got != "Enter the number with its country code." {
		t.Errorf("phone field is described by %q", got)
	}
	if size := Eval[int](p, "document.documentElement.outerHTML.length"); size > 100<<10 {
		t.Errorf("page is %d bytes, over the 100 KB budget", size)
	}
	p.ExpectLocalOnly()
	p.ExpectClean()
}

func TestLayoutOnANarrowPhone(t *testing.T) {
	Require(t)
	ts := startShell(t)
	p := NewPage(t, ts.URL)
	p.SetViewport(360, 740)
	p.Navigate("/showcase/")

	if sw := Eval[int](p, "document.documentElement.scrollWidth"); sw > 360 {
		t.Errorf("page is %d px wide at 360: it scrolls sideways", sw)
	}
	// The navigation folds into the Menu button and opens without JavaScript.
	if Eval[bool](p, `document.querySelector('.nav a[href="/app/"]').checkVisibility()`) {
		t.Fatal("the navigation is open before the Menu button is pressed")
	}
	p.Click(".menu > summary")
	if !Eval[bool](p, `document.querySelector(".nav a[href='/fixture/Notifications/']").checkVisibility()`) {
		t.Fatal("the Menu button does not open the navigation")
	}
	if sw := Eval[int](p, "document.documentElement.scrollWidth"); sw > 360 {
		t.Errorf("the open menu is %d px wide", sw)
	}
	// The wide table scrolls inside its frame, not the page.
	if Eval[bool](p, `(w => w.scrollWidth <= w.clientWidth)(document.querySelector(".table-wrap"))`) {
		t.Error("the queue table fits at 360 px: the test no longer checks a wide table")
	}
	p.ExpectClean()
}

func TestLayoutPrintsWithoutNavigation(t *testing.T) {
	Require(t)
	ts := startShell(t)
	p := NewPage(t, ts.URL)
	p.Navigate("/showcase/")
	p.EmulateMedia("print")

	for _, sel := range []string{".menu", ".footer", ".skip", ".pager", ".actions"} {
		if d := Eval[string](p, `getComputedStyle(document.querySelector("`+sel+`")).display`); d != "none" {
			t.Errorf("%s prints (display %s)", sel, d)
		}
	}
	if bg := Eval[string](p, `getComputedStyle(document.querySelector(".topbar")).backgroundColor`); bg != "rgba(0, 0, 0, 0)" {
		t.Errorf("the header prints on a coloured background: %s", bg)
	}
	if !Eval[bool](p, `document.querySelector("table").checkVisibility() && document.querySelector("svg.chart").checkVisibility()`) {
		t.Error("the table or the charts do not print")
	}
}
