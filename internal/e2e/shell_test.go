package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// unlabelledFields lists the form controls a screen reader could not name.
const unlabelledFields = `Array.from(document.querySelectorAll("input, select, textarea"))
	.filter(el => !["hidden", "submit", "button", "reset"].includes(el.type))
	.filter(el => el.labels.length === 0 && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby"))
	.map(el => el.name || el.id || el.outerHTML)`

func TestStartPageIsTheLoginForm(t *testing.T) {
	Require(t)
	srv := StartServer(t)
	p := NewPage(t, srv.URL)

	if status := p.Navigate("/"); status != http.StatusOK {
		t.Fatalf("GET / ended with status %d", status)
	}
	if got, want := p.Location(), p.URL("/login/"); got != want {
		t.Fatalf("landed on %s, want %s", got, want)
	}
	if got := p.Text("h1"); got != "Sign in" {
		t.Errorf("heading %q, want Sign in", got)
	}
	form := `form[method="post"][action="/login/"]`
	for _, sel := range []string{
		form + ` input[name="username"]#username`,
		form + ` input[name="password"][type="password"]#password`,
		form + ` input[name="next"][type="hidden"]`,
		form + ` input[name="csrf"][type="hidden"]`,
		form + ` button[type="submit"]`,
	} {
		if p.Count(sel) != 1 {
			t.Errorf("login form has no %s", sel)
		}
	}
	if got := p.Text(`label[for="username"]`); !strings.Contains(got, "Username") {
		t.Errorf("username label %q", got)
	}
	if got := p.Text(`label[for="password"]`); got != "Password" {
		t.Errorf("password label %q", got)
	}
	if missing := Eval[[]string](p, unlabelledFields); len(missing) > 0 {
		t.Errorf("fields without a label: %q", missing)
	}
	p.ExpectLocalOnly()
	p.ExpectClean()
}

func TestUnknownPageShowsHTML404(t *testing.T) {
	Require(t)
	srv := StartServer(t)
	p := NewPage(t, srv.URL)

	if status := p.Navigate("/app/nope/"); status != http.StatusNotFound {
		t.Fatalf("status %d, want 404", status)
	}
	if got := p.Text("h1"); got != "Page not found" {
		t.Errorf("heading %q, want Page not found", got)
	}
	if got := Eval[string](p, "document.contentType"); got != "text/html" {
		t.Errorf("content type %q, want the HTML page", got)
	}
	if p.Count(`a[href="/"]`) == 0 {
		t.Error("the 404 page offers no way back")
	}
	p.ExpectLocalOnly()
	// The browser logs the 404 of the document itself as an error; only the
	// CSP matters here.
	for _, v := range p.CSPViolations() {
		t.Errorf("CSP violation: %s", v)
	}
}

func TestLoginPageFitsANarrowPhone(t *testing.T) {
	Require(t)
	srv := StartServer(t)
	p := NewPage(t, srv.URL)

	p.SetViewport(360, 740)
	p.Navigate("/login/")
	p.WaitVisible("#username")
	if w := Eval[int](p, "window.innerWidth"); w != 360 {
		t.Fatalf("viewport is %d px wide, want 360", w)
	}
	if sw := Eval[int](p, "document.documentElement.scrollWidth"); sw > 360 {
		t.Errorf("page is %d px wide at 360: it scrolls sideways", sw)
	}
	if missing := Eval[[]string](p, unlabelledFields); len(missing) > 0 {
		t.Errorf("fields without a label: %q", missing)
	}
	// The fields and the button are big enough to hit with a thumb and do
	// not run off the screen.
	for _, sel := range []string{"#username", "#password", `button[type="submit"]`} {
		box := Eval[[]float64](p, `(r => [r.left, r.right, r.height])(document.querySelector('`+sel+`').getBoundingClientRect())`)
		if box[0] < 0 || box[1] > 360 || box[2] < 40 {
			t.Errorf("%s: left %.0f, right %.0f, height %.0f: off screen or under 40 px tall", sel, box[0], box[1], box[2])
		}
	}
	p.ExpectClean()
}
