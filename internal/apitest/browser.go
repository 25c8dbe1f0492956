package apitest

import (
	"io"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
)

// Browser drives the HTML pages as a browser would, without JavaScript: it keeps the
// cookies, does not follow redirects (tests look at them), and posts forms with the
// CSRF token of the pages it has seen.
type Browser struct {
	env    *Env
	client *http.Client
	// Header is sent with every request (e.g. Sec-Fetch-Site for a cross-site post).
	Header http.Header
	// CSRF is the token of the last page that carried one.
	CSRF string
}

// Browser returns a browser that has not signed in.
func (e *Env) Browser() *Browser {
	jar, _ := cookiejar.New(nil)
	return &Browser{env: e, Header: http.Header{}, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// SignIn signs in through the login page and opens the dashboard, failing the test
// unless the sign-in succeeds.
func (b *Browser) SignIn(username, password string) {
	b.env.T.Helper()
	res := b.Post("/login/", url.Values{"username": {username}, "password": {password}, "next": {"/app/"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/app/" {
		b.env.T.Fatalf("sign in %s through the login page: %d %s", username, res.Status, res.Header.Get("Location"))
	}
	if res := b.Get("/app/"); res.Status != http.StatusOK || b.CSRF == "" {
		b.env.T.Fatalf("dashboard after signing in %s: %d, token %q", username, res.Status, b.CSRF)
	}
}

// Get opens a page.
func (b *Browser) Get(path string) Response {
	b.env.T.Helper()
	return b.do("GET", path, nil)
}

// Post submits a form. The page's CSRF token is added unless the form has a csrf
// field of its own (set it to "" to post without one).
func (b *Browser) Post(path string, form url.Values) Response {
	b.env.T.Helper()
	if _, ok := form["csrf"]; !ok {
		form = maps.Clone(form)
		if form == nil {
			form = url.Values{}
		}
		form.Set("csrf", b.CSRF)
	}
	return b.do("POST", path, strings.NewReader(form.Encode()))
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (b *Browser) do(method, path string, body io.Reader) Response {
	b.env.T.Helper()
	req, err := http.NewRequest(method, b.env.URL+path, body)
	if err != nil {
		b.env.T.Fatal(err)
	}
	for k, v := range b.Header {
		req.Header[k] = v
	}
	req.Header.Set("Accept", "text/html")
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := b.client.Do(req)
	if err != nil {
		b.env.T.Fatal(err)
	}
	defer res.Body.Close()
	buf, _ := io.ReadAll(res.Body)
	if m := csrfField.FindSubmatch(buf); m != nil {
		b.CSRF = string(m[1])
	}
	return Response{T: b.env.T, Status: res.StatusCode, Header: res.Header, Body: buf}
}

// BrowserAs is a browser signed in as username (with Password) through the login page.
func (e *Env) BrowserAs(username string) *Browser {
	e.T.Helper()
	b := e.Browser()
	b.SignIn(username, Password)
	return b
}
