// Package apitest drives the real application over real HTTP — router, middleware,
// sign-in and a real database on the engine under test — as an API client would.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"healthsynx/internal/app"
	"healthsynx/internal/config"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
)

// Password is the password of every account an Env creates.
const Password = "Kilimanjaro#2026"

// Env is a running application on a fresh database.
type Env struct {
	T      testing.TB
	App    *app.App
	Server *httptest.Server
	URL    string
}

// Each runs fn on every engine under test with its own Env.
func Each(t *testing.T, fn func(t *testing.T, e *Env)) {
	t.Helper()
	for _, engine := range dbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) { fn(t, New(t, engine)) })
	}
}

// quietLogs keeps access logs out of test output; warnings and errors still show.
var quietLogs sync.Once

// New starts the application on a fresh, migrated database of the engine.
func New(t testing.TB, engine db.Engine) *Env {
	t.Helper()
	quietLogs.Do(func() {
		slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	})
	cfg := config.Defaults()
	cfg.DataDir = t.TempDir()
	cfg.DatabaseURL = dbtest.NewURL(t, engine)
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
	return &Env{T: t, App: a, Server: srv, URL: srv.URL}
}

// Department creates a department and returns its id.
func (e *Env) Department(name string) int64 {
	e.T.Helper()
	d, err := e.App.Departments.Create(context.Background(), departmentsInput(name))
	if err != nil {
		e.T.Fatalf("create department %s: %v", name, err)
	}
	return d.ID
}

// User creates an active account of the role (staff through the staff service, a
// patient through the patient account path) with Password, and returns its id.
func (e *Env) User(role auth.Role, username string) int64 {
	e.T.Helper()
	ctx := context.Background()
	pw := Password
	first, last := "Test", strings.ToUpper(username[:1])+username[1:]
	email := username + "@example.org"
	in := identity.AccountInput{Username: &username, Password: &pw, FirstName: &first, LastName: &last, Email: &email}
	switch role {
	case auth.RolePatient:
		var id int64
		err := e.App.DB.InTx(ctx, func(tx *db.Tx) error {
			u, err := e.App.Identity.CreatePatientAccount(ctx, tx, in)
			id = u.ID
			return err
		})
		if err != nil {
			e.T.Fatalf("create patient %s: %v", username, err)
		}
		return id
	case auth.RoleAdmin:
		a, err := e.App.Identity.CreateSuperuser(ctx, in)
		if err != nil {
			e.T.Fatalf("create admin %s: %v", username, err)
		}
		return a.ID
	}
	r := string(role)
	in.Role = &r
	if role == auth.RoleDoctor {
		spec, lic := "General medicine", "LIC-"+username
		in.Specialization, in.LicenseNumber = &spec, &lic
	}
	a, err := e.App.Identity.CreateStaff(ctx, identity.System, in)
	if err != nil {
		e.T.Fatalf("create %s %s: %v", role, username, err)
	}
	return a.ID
}

// Client is an API client, anonymous or signed in with a Bearer token.
type Client struct {
	env    *Env
	Token  string
	Header http.Header
}

// Anon returns an anonymous client.
func (e *Env) Anon() *Client { return &Client{env: e, Header: http.Header{}} }

// As creates an account of the role and signs it in through POST /api/token/.
func (e *Env) As(role auth.Role, username string) *Client {
	e.T.Helper()
	e.User(role, username)
	return e.Login(username, Password)
}

// Login signs in through the real token endpoint.
func (e *Env) Login(username, password string) *Client {
	e.T.Helper()
	res := e.Anon().Do("POST", "/api/token/", map[string]string{"username": username, "password": password})
	if res.Status != http.StatusOK {
		e.T.Fatalf("sign in %s: %d %s", username, res.Status, res.Body)
	}
	return &Client{env: e, Token: res.JSON()["access"].(string), Header: http.Header{}}
}

// Response is a finished request.
type Response struct {
	T      testing.TB
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes an object body, failing the test if it is not one.
func (r Response) JSON() map[string]any {
	r.T.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		r.T.Fatalf("body is not a JSON object: %v: %s", err, r.Body)
	}
	return m
}

// Decode decodes the body into v.
func (r Response) Decode(v any) {
	r.T.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.T.Fatalf("decode %T: %v: %s", v, err, r.Body)
	}
}

// Do sends a request; body is JSON-encoded unless it is a string or nil.
func (c *Client) Do(method, path string, body any) Response {
	c.env.T.Helper()
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case string:
		rd, ct = strings.NewReader(b), "application/json"
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			c.env.T.Fatal(err)
		}
		rd, ct = bytes.NewReader(buf), "application/json"
	}
	req, err := http.NewRequest(method, c.env.URL+path, rd)
	if err != nil {
		c.env.T.Fatal(err)
	}
	for k, v := range c.Header {
		req.Header[k] = v
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		c.env.T.Fatal(err)
	}
	defer res.Body.Close()
	// An event stream does not end by itself: its status and headers are the answer, and
	// closing the body hangs up, which ends the handler.
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		return Response{T: c.env.T, Status: res.StatusCode, Header: res.Header}
	}
	b, _ := io.ReadAll(res.Body)
	return Response{T: c.env.T, Status: res.StatusCode, Header: res.Header, Body: b}
}
