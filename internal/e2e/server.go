package e2e

import (
	"net/http/httptest"
	"path/filepath"
	"testing"

	"healthsynx/internal/app"
	"healthsynx/internal/config"
	"healthsynx/internal/demo"
)

// Server is the application under test, listening on a random 127.0.0.1 port.
type Server struct {
	URL string // http://127.0.0.1:port, without a trailing slash
	App *app.App
}

// StartServer runs the whole application in-process on a fresh SQLite database
// with the demo data loaded, and stops it when the test ends.
func StartServer(t testing.TB) *Server {
	t.Helper()
	ctx := t.Context()
	dir := t.TempDir()
	cfg := config.Defaults()
	cfg.DataDir = dir
	cfg.DatabaseURL = "sqlite://" + filepath.Join(dir, "e2e.db")
	if err := cfg.Finish(); err != nil {
		t.Fatalf("config: %v", err)
	}
	a, err := app.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("open app: %v", err)
	}
	t.Cleanup(func() { _ = a.Close() })
	if _, err := a.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if err := demo.Load(ctx, a, demo.Options{}); err != nil {
		t.Fatalf("demo data: %v", err)
	}
	// httptest listens on 127.0.0.1, the only host the pages may talk to.
	ts := httptest.NewServer(a.Handler())
	t.Cleanup(ts.Close)
	return &Server{URL: ts.URL, App: a}
}
