package e2e

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	pweb "healthsynx/internal/platform/web"
)

// fixture serves small pages that break the rules on purpose, so that the
// recorders are shown to catch what the real tests rely on them to catch.
func fixture(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", pweb.ContentSecurityPolicy)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<!doctype html><html lang=en><title>fixture</title>%s</html>", body)
		}
	}
	// Chromium asks for /favicon.ico on its own, at a time of its choosing; answering it
	// keeps the clean page clean.
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("GET /clean/", page(`<p id="msg">fine</p><script src="/ok.js"></script>`))
	mux.HandleFunc("GET /ok.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, `document.getElementById("msg").dataset.ran = "yes";`)
	})
	mux.HandleFunc("GET /csp/", page(`<p style="color:red">inline style</p><script>document.title = "inline ran"</script>`))
	mux.HandleFunc("GET /error/", page(`<script src="/error.js"></script>`))
	mux.HandleFunc("GET /error.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, `console.error("deliberate failure"); null.boom;`)
	})
	// No CSP here: the image must be fetched for the request to be recorded.
	mux.HandleFunc("GET /remote/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>remote</title><img alt="" src="http://127.0.0.2:9/pixel.png">`)
	})
	mux.HandleFunc("GET /form/", page(`<form id="f" action="/echo/" method="get"><label>Q <input name="q"></label><button type="submit">Go</button></form>`))
	mux.HandleFunc("GET /echo/", func(w http.ResponseWriter, r *http.Request) {
		page(`<output id="q">`+html.EscapeString(r.URL.Query().Get("q"))+`</output>`)(w, r)
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

func TestHarnessRecordsWhatPagesDo(t *testing.T) {
	Require(t)
	ts := fixture(t)

	t.Run("clean page", func(t *testing.T) {
		p := NewPage(t, ts.URL)
		p.Navigate("/clean/")
		if got := Eval[string](p, `document.getElementById("msg").dataset.ran || ""`); got != "yes" {
			t.Fatalf("external script did not run: %q", got)
		}
		if errs, csp := p.Errors(), p.CSPViolations(); len(errs)+len(csp) > 0 {
			t.Fatalf("clean page reported errors %q and CSP violations %q", errs, csp)
		}
		if want := ts.URL + "/ok.js"; !slices.Contains(p.Requests(), want) {
			t.Fatalf("requests %q miss %s", p.Requests(), want)
		}
	})

	t.Run("CSP violations", func(t *testing.T) {
		p := NewPage(t, ts.URL)
		p.Navigate("/csp/")
		if title := Eval[string](p, "document.title"); title == "inline ran" {
			t.Fatal("the inline script ran: the fixture is not under the CSP")
		}
		csp := p.CSPViolations()
		if len(csp) < 2 {
			t.Fatalf("want the inline style and the inline script reported, got %q", csp)
		}
		if len(p.Errors()) > 0 {
			t.Fatalf("CSP violations were also counted as errors: %q", p.Errors())
		}
	})

	t.Run("console errors and exceptions", func(t *testing.T) {
		p := NewPage(t, ts.URL)
		p.Navigate("/error/")
		errs := strings.Join(p.Errors(), "\n")
		if !strings.Contains(errs, "deliberate failure") || !strings.Contains(errs, "TypeError") {
			t.Fatalf("want the console.error and the TypeError, got %q", errs)
		}
	})

	t.Run("requests that leave 127.0.0.1", func(t *testing.T) {
		p := NewPage(t, ts.URL)
		p.Navigate("/remote/")
		var remote []string
		for _, r := range p.Requests() {
			if !isLocal(r) {
				remote = append(remote, r)
			}
		}
		if !slices.Equal(remote, []string{"http://127.0.0.2:9/pixel.png"}) {
			t.Fatalf("want only the image on 127.0.0.2 flagged, got %q of %q", remote, p.Requests())
		}
	})

	t.Run("fill and submit", func(t *testing.T) {
		p := NewPage(t, ts.URL)
		p.Navigate("/form/")
		p.Fill("#f", map[string]string{"q": "Amina Wanjiru"})
		if status := p.Submit("#f"); status != http.StatusOK {
			t.Fatalf("submit: status %d", status)
		}
		if got := p.Text("#q"); got != "Amina Wanjiru" {
			t.Fatalf("echoed %q", got)
		}
	})
}

func TestIsLocal(t *testing.T) {
	for raw, want := range map[string]bool{
		"http://127.0.0.1:39123/static/app.css": true,
		"ws://127.0.0.1:39123/events/":          true,
		"data:image/svg+xml;base64,PHN2Zy8+":    true,
		"about:blank":                           true,
		"http://127.0.0.2/x.png":                false,
		"http://localhost:39123/":               false,
		"https://unpkg.com/swagger-ui-dist/":    false,
		"http://127.0.0.1.nip.io/":              false,
		"chrome-extension://abc/x.js":           false,
	} {
		if got := isLocal(raw); got != want {
			t.Errorf("isLocal(%q) = %v, want %v", raw, got, want)
		}
	}
}
