package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// actionTimeout bounds one browser step (a navigation, a wait, a query).
const actionTimeout = 10 * time.Second

// Page is one tab on the application under test. The tab lives in a browser
// context of its own (no cookies or storage shared with other tests) and
// records what the page does from its first request.
type Page struct {
	t    testing.TB
	ctx  context.Context
	base string

	mu       sync.Mutex
	requests []string // URL of every request the page made
	errors   []string // console.error calls, uncaught exceptions, browser log errors
	csp      []string // Content-Security-Policy violations
}

// NewPage opens a tab for the server at base (e.g. Server.URL). The tab closes
// when the test ends; a failed test leaves a screenshot behind first.
func NewPage(t testing.TB, base string) *Page {
	t.Helper()
	p := &Page{t: t, base: strings.TrimSuffix(base, "/")}
	ctx, cancel := chromedp.NewContext(browser(t),
		chromedp.WithNewBrowserContext(),
		// A listener added with the context sees the tab's events from the
		// start, in order, before the command that caused them returns.
		chromedp.WithListener(p.record),
	)
	t.Cleanup(cancel)
	p.ctx = ctx
	// The first call opens the tab, with no timeout: a timeout here would
	// close the tab when it expires.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			p.Screenshot("failure")
		}
	})
	return p
}

func (p *Page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, ev.Request.URL)
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			p.errors = append(p.errors, "console.error: "+argsText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			text += " " + d.Exception.Description
		}
		p.errors = append(p.errors, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, text))
	case *log.EventEntryAdded:
		e := ev.Entry
		switch {
		case isCSPViolation(e):
			p.csp = append(p.csp, e.Text)
		case e.Level == log.EntryLevelError:
			p.errors = append(p.errors, fmt.Sprintf("%s: %s %s", e.Source, e.Text, e.URL))
		}
	}
}

// isCSPViolation recognises Chromium's report of a blocked script, style,
// image or connection. Chromium files these under the "security" source; the
// text check keeps other security messages (mixed content, …) apart.
func isCSPViolation(e *log.Entry) bool {
	return e.Source == log.EntrySourceSecurity && strings.Contains(e.Text, "Content Security Policy")
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// do runs browser steps with the step timeout and fails the test on error.
func (p *Page) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// run is do for a step that returns a value.
func run[T any](p *Page, what string, action chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// URL resolves a path such as "/login/" against the server.
func (p *Page) URL(path string) string { return p.base + path }

// Navigate loads path (or an absolute URL), waits for the load event and
// returns the HTTP status of the document.
func (p *Page) Navigate(path string) int {
	p.t.Helper()
	target := path
	if strings.HasPrefix(path, "/") {
		target = p.URL(path)
	}
	resp := run(p, "navigate to "+target, chromedp.NavigateResponse(target))
	return int(resp.Status)
}

// Location is the URL of the current document.
func (p *Page) Location() string {
	p.t.Helper()
	return run(p, "read location", chromedp.Location())
}

// WaitVisible waits until the first element matching the CSS selector is visible.
func (p *Page) WaitVisible(sel string) {
	p.t.Helper()
	p.do("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
}

// Text is the visible text of the first element matching the CSS selector.
func (p *Page) Text(sel string) string {
	p.t.Helper()
	return run(p, "read text of "+sel, chromedp.Text(chromedp.CSS(sel)))
}

// Count is the number of elements matching the CSS selector right now.
func (p *Page) Count(sel string) int {
	p.t.Helper()
	return Eval[int](p, fmt.Sprintf("document.querySelectorAll(%q).length", sel))
}

// Click clicks the first element matching the CSS selector.
func (p *Page) Click(sel string) {
	p.t.Helper()
	p.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// Press types keys into whatever has the focus, e.g. "\t" for Tab (see
// chromedp's kb package for named keys).
func (p *Page) Press(keys string) {
	p.t.Helper()
	p.do(fmt.Sprintf("press %q", keys), chromedp.KeyEvent(keys))
}

// Fill types values into the named fields of the form matching the CSS
// selector, replacing what they held.
func (p *Page) Fill(form string, values map[string]string) {
	p.t.Helper()
	for name, v := range values {
		field := chromedp.CSS(fmt.Sprintf("%s [name=%q]", form, name))
		p.do("fill "+name, chromedp.Clear(field), chromedp.SendKeys(field, v))
	}
}

// Submit clicks the submit button of the form matching the CSS selector, waits
// for the next page and returns its HTTP status.
func (p *Page) Submit(form string) int {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(form+` [type="submit"]`)))
	if err != nil {
		p.t.Fatalf("submit %s: %v", form, err)
	}
	return int(resp.Status)
}

// SetViewport sizes the page as a desktop window of width × height CSS pixels.
// It does not emulate a phone: mobile emulation lets the layout viewport grow
// to fit wide content, which would hide the overflow a narrow test looks for.
func (p *Page) SetViewport(width, height int64) {
	p.t.Helper()
	p.do(fmt.Sprintf("set viewport %dx%d", width, height), chromedp.EmulateViewport(width, height))
}

// EmulateMedia renders the page for a CSS media type ("print"); "" restores
// the screen.
func (p *Page) EmulateMedia(media string) {
	p.t.Helper()
	p.do("emulate media "+media, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
}

// Eval evaluates a JavaScript expression in the page and decodes its result.
func Eval[T any](p *Page, expr string) T {
	p.t.Helper()
	return run(p, "evaluate "+expr, chromedp.Evaluate[T](expr))
}

// Screenshot saves a PNG of the whole page into the artifacts directory and
// returns its path; it only logs when that fails, as it runs on failed tests.
func (p *Page) Screenshot(name string) string {
	p.t.Helper()
	dir := os.Getenv("HEALTHSYNX_E2E_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "healthsynx-e2e")
	}
	ctx, cancel := context.WithTimeout(p.ctx, actionTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	path := filepath.Join(dir, unsafeFileChars.ReplaceAllString(p.t.Name()+"-"+name, "_")+".png")
	if err == nil {
		err = os.WriteFile(path, png, 0o644)
	}
	if err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	p.t.Logf("screenshot: %s", path)
	return path
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// Requests lists the URL of every request the page has made so far.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// Errors lists the console errors, uncaught exceptions and browser log errors
// so far.
func (p *Page) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// CSPViolations lists what the Content-Security-Policy blocked so far.
func (p *Page) CSPViolations() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.csp...)
}

// ExpectLocalOnly fails the test if any request went anywhere but 127.0.0.1:
// the pages must work in a hospital with no internet access.
func (p *Page) ExpectLocalOnly() {
	p.t.Helper()
	reqs := p.Requests()
	if len(reqs) == 0 {
		p.t.Error("the page made no requests at all: the recorder is not working")
	}
	for _, r := range reqs {
		if !isLocal(r) {
			p.t.Errorf("request left 127.0.0.1: %s", r)
		}
	}
}

// isLocal accepts the loopback server and URLs that need no network at all.
func isLocal(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	case "http", "https", "ws", "wss":
		return u.Hostname() == "127.0.0.1"
	}
	return false
}

// ExpectClean fails the test if the page logged an error or the CSP blocked
// anything.
func (p *Page) ExpectClean() {
	p.t.Helper()
	for _, e := range p.Errors() {
		p.t.Errorf("browser error: %s", e)
	}
	for _, v := range p.CSPViolations() {
		p.t.Errorf("CSP violation: %s", v)
	}
}
