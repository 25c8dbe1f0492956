package openapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"healthsynx/internal/app"
	"healthsynx/internal/config"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
)

// These tests run the real application (every module's routes, the real middleware) on
// a fresh SQLite database, and read the documentation as a client would.

type server struct {
	t   *testing.T
	app *app.App
	url string
}

func start(t *testing.T) *server {
	t.Helper()
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.DatabaseURL = dbtest.NewURL(t, db.SQLite)
	if err := cfg.Finish(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a, err := app.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("open app: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	if _, err := a.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	return &server{t: t, app: a, url: srv.URL}
}

var noRedirects = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// do sends a request and returns the response with its body read.
func (s *server) do(method, path string, body io.Reader) (*http.Response, []byte) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.url+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	return resp, b
}

// get fetches path and fails the test unless it answers 200.
func (s *server) get(path string) (*http.Response, []byte) {
	s.t.Helper()
	resp, body := s.do("GET", path, nil)
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("GET %s: status %d: %.200s", path, resp.StatusCode, body)
	}
	return resp, body
}

// spec fetches /openapi.json as a plain JSON tree.
func (s *server) spec() map[string]any {
	s.t.Helper()
	_, body := s.get("/openapi.json")
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		s.t.Fatalf("/openapi.json is not JSON: %v", err)
	}
	return doc
}

// operations lists the spec's operations as "METHOD /path".
func operations(doc map[string]any) []string {
	var out []string
	for path, item := range doc["paths"].(map[string]any) {
		for method := range item.(map[string]any) {
			out = append(out, strings.ToUpper(method)+" "+path)
		}
	}
	return out
}

func TestDocumentStructure(t *testing.T) {
	s := start(t)
	doc := s.spec()
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", doc["openapi"])
	}
	ids := map[string]string{}
	for path, item := range doc["paths"].(map[string]any) {
		for method, v := range item.(map[string]any) {
			op := v.(map[string]any)
			where := strings.ToUpper(method) + " " + path
			if responses, _ := op["responses"].(map[string]any); len(responses) == 0 {
				t.Errorf("%s documents no response", where)
			}
			id, _ := op["operationId"].(string)
			if other, dup := ids[id]; dup || id == "" {
				t.Errorf("%s: operationId %q is empty or also used by %s", where, id, other)
			}
			ids[id] = where
		}
	}
	refs := 0
	walk(doc, func(ref string) {
		refs++
		if _, ok := resolve(doc, ref); !ok {
			t.Errorf("$ref %s does not resolve", ref)
		}
	})
	if refs == 0 {
		t.Error("the document has no $ref at all: the walk is broken or the schemas are all inline")
	}
	schemes := doc["components"].(map[string]any)["securitySchemes"].(map[string]any)
	if name := schemes["cookieAuth"].(map[string]any)["name"]; name != identity.SessionCookie {
		t.Errorf("cookieAuth names cookie %v, but the session cookie is %s", name, identity.SessionCookie)
	}
}

// walk calls fn with every $ref in v.
func walk(v any, fn func(ref string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if ref, ok := e.(string); ok && k == "$ref" {
				fn(ref)
				continue
			}
			walk(e, fn)
		}
	case []any:
		for _, e := range v {
			walk(e, fn)
		}
	}
}

// resolve follows a local reference ("#/components/schemas/x") through doc.
func resolve(doc map[string]any, ref string) (any, bool) {
	ptr, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, false
	}
	var cur any = doc
	for tok := range strings.SplitSeq(ptr, "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[tok]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// TestSpecListsExactlyTheServedRoutes holds the document to the router both ways: every
// API route is documented, and every documented operation is served. A route that the
// document missed, or one it invented, fails here.
func TestSpecListsExactlyTheServedRoutes(t *testing.T) {
	s := start(t)
	doc := s.spec()

	// The metric label of a request is the route that served it; the spec writes a
	// wildcard tail {file...} as {file}.
	routeOf := map[string]string{}
	for _, r := range s.app.Router.Routes() {
		if !r.Page {
			routeOf[r.Method+" "+strings.ReplaceAll(r.Path, "...}", "}")] = r.Method + " " + r.Path
		}
	}
	documented := map[string]bool{}
	for _, op := range operations(doc) {
		documented[op] = true
		if routeOf[op] == "" {
			t.Errorf("the spec documents %s, which is not an API route", op)
		}
	}
	for op := range routeOf {
		if !documented[op] {
			t.Errorf("route %s is missing from the spec", op)
		}
	}
	if len(documented) < 10 {
		t.Fatalf("only %d operations documented: the app wiring is incomplete", len(documented))
	}

	// Call each documented operation, anonymously, with 1 for every path parameter.
	param := regexp.MustCompile(`\{[^}]+\}`)
	for op := range documented {
		method, path, _ := strings.Cut(op, " ")
		var body io.Reader
		if method == "POST" || method == "PUT" || method == "PATCH" {
			body = strings.NewReader("{}")
		}
		resp, b := s.do(method, param.ReplaceAllString(path, "1"), body)
		if resp.StatusCode == http.StatusMethodNotAllowed || resp.StatusCode == http.StatusPermanentRedirect {
			t.Errorf("%s answered %d: %.200s", op, resp.StatusCode, b)
		}
	}
	// A handler's 404 (no object 1) reads like the router's (no route): the metrics tell
	// them apart, since each request is counted under the route that served it.
	_, metrics := s.get("/metrics")
	for op := range documented {
		if routeOf[op] == "" {
			continue // reported above
		}
		if !bytes.Contains(metrics, []byte(`route="`+routeOf[op]+`"`)) {
			t.Errorf("%s was not served by its route (no request counted under %q)", op, routeOf[op])
		}
	}
}

func TestJSONAndYAMLAreTheSameDocument(t *testing.T) {
	s := start(t)
	_, js := s.get("/openapi.json")
	resp, swaggerJSON := s.get("/swagger.json")
	if !bytes.Equal(js, swaggerJSON) {
		t.Error("/swagger.json differs from /openapi.json")
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("/swagger.json Content-Type = %q", ct)
	}
	resp, y := s.get("/swagger.yaml")
	if ct := resp.Header.Get("Content-Type"); ct != "application/yaml" {
		t.Errorf("/swagger.yaml Content-Type = %q", ct)
	}
	var fromYAML any
	if err := yaml.Unmarshal(y, &fromYAML); err != nil {
		t.Fatalf("/swagger.yaml does not parse: %v", err)
	}
	// Compare as JSON values: YAML decodes integers as int, JSON as float64.
	roundTrip, err := json.Marshal(fromYAML)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(js, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(roundTrip, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("/swagger.yaml is not the same document as /openapi.json")
	}
	if !bytes.HasPrefix(y, []byte("openapi: 3.1.0\n")) {
		t.Errorf("YAML should read top-down like the JSON, starting with the version; starts %.40q", y)
	}
}

var (
	assetRef     = regexp.MustCompile(`(?:src|href)="([^"]*)"`)
	inlineScript = regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`)
)

func TestSwaggerUIIsSelfContained(t *testing.T) {
	s := start(t)
	resp, page := s.get("/swagger/")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("/swagger/ Content-Type = %q", ct)
	}
	if inlineScript.Match(page) {
		t.Error("/swagger/ has an inline script, which the CSP blocks")
	}
	var scripts int
	for _, m := range assetRef.FindAllSubmatch(page, -1) {
		ref := string(m[1])
		if !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") {
			t.Errorf("/swagger/ refers to %q: only this server's own paths may be used", ref)
			continue
		}
		resp, body := s.get(ref)
		if strings.HasSuffix(ref, ".js") {
			scripts++
			if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
				t.Errorf("%s Content-Type = %q", ref, ct)
			}
		}
		if ref == "/swagger/swagger-init.js" && !bytes.Contains(body, []byte(`"/openapi.json"`)) {
			t.Errorf("the initializer does not load /openapi.json")
		}
	}
	if scripts != 2 {
		t.Errorf("want the Swagger UI bundle and our initializer, found %d scripts", scripts)
	}
	// The distribution's own page and initializer open the petstore: not served.
	for _, path := range []string{"/swagger/index.html", "/swagger/swagger-initializer.js", "/swagger/swagger-ui.js.map"} {
		if resp, _ := s.do("GET", path, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestReferenceListsEveryOperation(t *testing.T) {
	s := start(t)
	doc := s.spec()
	resp, page := s.get("/redoc/")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("/redoc/ Content-Type = %q", ct)
	}
	if bytes.Contains(page, []byte("<script")) {
		t.Error("the reference page should need no script")
	}
	for path, item := range doc["paths"].(map[string]any) {
		if !bytes.Contains(page, []byte("<code>"+path+"</code>")) {
			t.Errorf("/redoc/ does not show path %s", path)
		}
		for _, v := range item.(map[string]any) {
			id := v.(map[string]any)["operationId"].(string)
			if !bytes.Contains(page, []byte(`id="`+id+`"`)) {
				t.Errorf("/redoc/ has no section for operation %s", id)
			}
		}
	}
	for name := range doc["components"].(map[string]any)["schemas"].(map[string]any) {
		if !bytes.Contains(page, []byte(`id="schema-`+name+`"`)) {
			t.Errorf("/redoc/ does not describe schema %s", name)
		}
	}
	for _, link := range []string{`href="/swagger/"`, `href="/openapi.json"`, `href="/redoc/docs.css"`} {
		if !bytes.Contains(page, []byte(link)) {
			t.Errorf("/redoc/ lacks %s", link)
		}
	}
	s.get("/redoc/docs.css")
}
