package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

type fixedAuth struct{ p *auth.Principal }

func (f fixedAuth) Authenticate(r *http.Request) (*auth.Principal, error) {
	if r.Header.Get("Authorization") == "" {
		return nil, nil
	}
	return f.p, nil
}

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	rt := web.NewRouter()
	rt.Auth = fixedAuth{p: &auth.Principal{UserID: 7, Role: auth.RoleDoctor}}
	rt.NotFoundPage = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(404)
		io.WriteString(w, "<h1>Page not found</h1>")
	}
	rt.Handle(web.Route{Method: "GET", Path: "/things/{id}/", Perm: auth.DepartmentsRead, Handler: func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "id")
		if err != nil {
			web.Error(w, r, err)
			return
		}
		web.JSON(w, 200, map[string]int64{"id": id})
	}})
	rt.Handle(web.Route{Method: "POST", Path: "/things/", Perm: auth.DepartmentsWrite, Handler: func(w http.ResponseWriter, r *http.Request) {}})
	rt.Handle(web.Route{Method: "POST", Path: "/echo/", Perm: auth.Public, Handler: func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Name string `json:"name"`
			Age  int    `json:"age"`
		}
		if err := web.Decode(r, &in); err != nil {
			web.Error(w, r, err)
			return
		}
		web.JSON(w, 200, in)
	}})
	rt.Handle(web.Route{Method: "GET", Path: "/boom/", Perm: auth.Public, Handler: func(w http.ResponseWriter, r *http.Request) {
		panic("secret internal detail")
	}})
	rt.Handle(web.Route{Method: "GET", Path: "/fail/", Perm: auth.Public, Handler: func(w http.ResponseWriter, r *http.Request) {
		web.Error(w, r, errs.Wrap("op", io.ErrUnexpectedEOF))
	}})
	srv := httptest.NewServer(web.Chain(rt, web.Options{}))
	t.Cleanup(srv.Close)
	return srv
}

func do(t *testing.T, srv *httptest.Server, method, path, body string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestRouterConventions(t *testing.T) {
	srv := newServer(t)
	signedIn := map[string]string{"Authorization": "Bearer x"}
	cases := []struct {
		name, method, path string
		header             map[string]string
		status             int
		body, location     string
	}{
		{"anonymous", "GET", "/things/3/", nil, 401, `{"detail":"Authentication credentials were not provided."}`, ""},
		{"allowed", "GET", "/things/3/", signedIn, 200, `{"id":3}`, ""},
		{"forbidden", "POST", "/things/", signedIn, 403, `{"detail":"You do not have permission to perform this action."}`, ""},
		{"bad id is 404", "GET", "/things/abc/", signedIn, 404, `{"detail":"Not found."}`, ""},
		{"slash redirect keeps the query", "GET", "/things/3?x=1", nil, 308, "", "/things/3/?x=1"},
		{"POST slash redirect", "POST", "/things", nil, 308, "", "/things/"},
		{"unknown path JSON", "GET", "/nothing/", nil, 404, `{"detail":"Not found."}`, ""},
		{"unknown path HTML", "GET", "/nothing/", map[string]string{"Accept": "text/html,application/xhtml+xml"}, 404, "<h1>Page not found</h1>", ""},
		{"wrong method", "DELETE", "/things/", nil, 405, `{"detail":"Method \"DELETE\" not allowed."}`, ""},
	}
	for _, c := range cases {
		res, body := do(t, srv, c.method, c.path, "", c.header)
		if res.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d (%s)", c.name, res.StatusCode, c.status, body)
		}
		if c.body != "" && strings.TrimSpace(body) != c.body {
			t.Errorf("%s: body %s, want %s", c.name, body, c.body)
		}
		if c.location != "" && res.Header.Get("Location") != c.location {
			t.Errorf("%s: Location %q, want %q", c.name, res.Header.Get("Location"), c.location)
		}
	}
	res, _ := do(t, srv, "GET", "/things/3/", "", nil)
	if res.Header.Get("WWW-Authenticate") != `Bearer realm="api"` {
		t.Errorf("401 without the Bearer challenge")
	}
	res, _ = do(t, srv, "DELETE", "/things/", "", nil)
	if res.Header.Get("Allow") != "POST" {
		t.Errorf("405 Allow = %q, want POST", res.Header.Get("Allow"))
	}
}

func TestSecurityHeadersAndRequestID(t *testing.T) {
	srv := newServer(t)
	res, _ := do(t, srv, "GET", "/things/1/", "", map[string]string{"X-Request-Id": "abc-123"})
	want := map[string]string{
		"X-Frame-Options":        "DENY",
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "same-origin",
		"X-Request-Id":           "abc-123",
	}
	for k, v := range want {
		if got := res.Header.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP = %q", csp)
	}
	if res.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent over plain HTTP without a trusted proxy")
	}
	// A forged id with odd characters is replaced, so it cannot inject into logs.
	res, _ = do(t, srv, "GET", "/things/1/", "", map[string]string{"X-Request-Id": `bad"id level=ERROR`})
	if id := res.Header.Get("X-Request-Id"); id == "" || strings.ContainsAny(id, "\" =") {
		t.Errorf("request id %q was taken from a bad header", id)
	}
}

func TestPanicAndInternalErrorsShowOnlyTheRequestID(t *testing.T) {
	var logs bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&logs, nil)))
	defer slog.SetDefault(prev)
	srv := newServer(t)
	for _, path := range []string{"/boom/", "/fail/"} {
		res, body := do(t, srv, "GET", path, "", nil)
		if res.StatusCode != 500 {
			t.Fatalf("%s: status %d", path, res.StatusCode)
		}
		var got map[string]string
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%s: body %q is not JSON", path, body)
		}
		id := res.Header.Get("X-Request-Id")
		if len(got) != 2 || got["request_id"] != id || got["detail"] != web.MsgServerError {
			t.Errorf("%s: body %s; want only the generic message and request id %s", path, body, id)
		}
		if strings.Contains(body, "secret") || strings.Contains(body, "EOF") || strings.Contains(body, "goroutine") {
			t.Errorf("%s: internals leaked: %s", path, body)
		}
	}
	if !strings.Contains(logs.String(), "secret internal detail") || !strings.Contains(logs.String(), "stack") {
		t.Error("the panic and its stack were not logged")
	}
}

func TestDecodeNamesTheField(t *testing.T) {
	srv := newServer(t)
	json := map[string]string{"Content-Type": "application/json"}
	cases := []struct{ body, want string }{
		{`{"name":"Amina","age":"ten"}`, `{"age":["A valid integer is required."]}`},
		{`{"name":`, `{"detail":"JSON parse error - the request body ends too early."}`},
		{`[1,2]`, `{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}`},
		{`{"name":"Amina","age":10}`, `{"name":"Amina","age":10}`},
	}
	for _, c := range cases {
		_, body := do(t, srv, "POST", "/echo/", c.body, json)
		if strings.TrimSpace(body) != c.want {
			t.Errorf("POST %s: %s, want %s", c.body, body, c.want)
		}
	}
	_, body := do(t, srv, "POST", "/echo/", "name=Amina&age=10", map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if strings.TrimSpace(body) != `{"name":"Amina","age":10}` {
		t.Errorf("form body: %s", body)
	}
	res, _ := do(t, srv, "POST", "/echo/", strings.Repeat("x", 2<<20), json)
	if res.StatusCode != 400 {
		t.Errorf("oversized body: %d, want 400", res.StatusCode)
	}
}

func TestPageEnvelope(t *testing.T) {
	r := httptest.NewRequest("GET", "http://h/things/?page=2&page_size=2", nil)
	p, err := web.ParsePage(r)
	if err != nil || p.Page != 2 || p.Size != 2 {
		t.Fatalf("ParsePage = %+v, %v", p, err)
	}
	if err := p.Resolve(5); err != nil {
		t.Fatal(err)
	}
	env := web.NewEnvelope(r, p, 5, []int{3, 4})
	if *env.Next != "http://h/things/?page=3&page_size=2" || *env.Previous != "http://h/things/?page_size=2" {
		t.Fatalf("links next=%s previous=%s", *env.Next, *env.Previous)
	}
	big := httptest.NewRequest("GET", "http://h/x/?page_size=500", nil)
	if p, _ := web.ParsePage(big); p.Size != web.MaxPageSize {
		t.Fatalf("page_size 500 gave %d, want the cap %d", p.Size, web.MaxPageSize)
	}
	for _, q := range []string{"page=0", "page=abc", "page=-3"} {
		if _, err := web.ParsePage(httptest.NewRequest("GET", "http://h/x/?"+q, nil)); !errs.Is(err, errs.NotFound) {
			t.Errorf("%s: %v, want Invalid page (404)", q, err)
		}
	}
	p = web.PageRequest{Page: 4, Size: 2}
	if err := p.Resolve(5); !errs.Is(err, errs.NotFound) {
		t.Errorf("page past the end: %v", err)
	}
	p = web.PageRequest{Page: 1, Size: 10}
	if err := p.Resolve(0); err != nil {
		t.Errorf("first page of an empty list: %v", err)
	}
}

// A request its client abandoned is not a server error: the failure its cancelled
// context caused is logged quietly and recorded as 499, not 500.
func TestAbandonedRequestIsNotAServerError(t *testing.T) {
	var logs bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&logs, nil)))
	defer slog.SetDefault(prev)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest("GET", "/x/", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	web.Error(rec, req, errs.Wrap("thing.Do", fmt.Errorf("query: %w", context.Canceled)))
	if rec.Code != web.StatusClientClosedRequest || rec.Body.Len() != 0 {
		t.Errorf("abandoned: %d %q; want 499 and no body", rec.Code, rec.Body.String())
	}
	if strings.Contains(logs.String(), `"level":"ERROR"`) || !strings.Contains(logs.String(), "abandoned by the client") {
		t.Errorf("abandoned request logged as: %s", logs.String())
	}

	// The same error while the client still waits is the server's failure.
	rec = httptest.NewRecorder()
	web.Error(rec, httptest.NewRequest("GET", "/x/", nil), errs.Wrap("thing.Do", context.Canceled))
	if rec.Code != 500 {
		t.Errorf("cancelled inside the server with the client waiting: %d, want 500", rec.Code)
	}
}

// Handle and HandleID: the body decoded with field-named errors, the call's result or
// error rendered, and a malformed {id} refused as 404 before the body is read.
func TestHandleAndHandleID(t *testing.T) {
	type in struct {
		Name string `json:"name"`
	}
	create := web.Handle(http.StatusCreated, func(r *http.Request, v in) (map[string]string, error) {
		if v.Name == "" {
			return nil, errs.Field("name", "This field is required.")
		}
		return map[string]string{"hello": v.Name}, nil
	})
	update := web.HandleID(http.StatusOK, func(r *http.Request, id int64, v in) (map[string]any, error) {
		return map[string]any{"id": id, "name": v.Name}, nil
	})
	mux := http.NewServeMux()
	mux.Handle("POST /things/", create)
	mux.Handle("PUT /things/{id}/", update)
	for _, c := range []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"POST", "/things/", `{"name":"Amina"}`, 201, `{"hello":"Amina"}`},
		{"POST", "/things/", `{}`, 400, `{"name":["This field is required."]}`},
		{"POST", "/things/", `{"name":1}`, 400, `"name"`},
		{"PUT", "/things/7/", `{"name":"Juma"}`, 200, `{"id":7,"name":"Juma"}`},
		{"PUT", "/things/x/", `not json`, 404, `"detail"`},
		{"PUT", "/things/7/", `not json`, 400, `"detail"`},
	} {
		req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("%s %s %s: %d %s; want %d with %s", c.method, c.path, c.body, rec.Code, rec.Body.String(), c.status, c.want)
		}
	}
}

// QueryID: absent is 0; a positive integer is read; anything else is a field error
// naming the parameter, gathered with the others.
func TestQueryID(t *testing.T) {
	q := url.Values{"a": {"12"}, "b": {"x"}, "c": {"0"}, "d": {"-4"}}
	f := errs.Fields{}
	if got := []int64{web.QueryID(f, q, "a"), web.QueryID(f, q, "b"), web.QueryID(f, q, "c"), web.QueryID(f, q, "d"),
		web.QueryID(f, q, "none")}; fmt.Sprint(got) != "[12 0 0 0 0]" {
		t.Errorf("ids %v", got)
	}
	for _, name := range []string{"b", "c", "d"} {
		if !f.Has(name) {
			t.Errorf("no error for %s", name)
		}
	}
	if f.Has("a") || f.Has("none") {
		t.Errorf("errors %v", f)
	}
}
