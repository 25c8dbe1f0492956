package e2e

import (
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/app"
	"healthsynx/internal/demo"
)

// Server is the application under test, listening on a random 127.0.0.1 port.
type Server struct {
	URL string // http://127.0.0.1:port, without a trailing slash
	App *app.App
}

// StartServer runs the whole application in-process on a fresh SQLite database with
// the demo data loaded, and stops it when the test ends. httptest listens on
// 127.0.0.1, the only host the pages may talk to.
func StartServer(t testing.TB) *Server {
	t.Helper()
	e := apitest.New(t, "sqlite")
	if err := demo.Load(t.Context(), e.App, demo.Options{}); err != nil {
		t.Fatalf("demo data: %v", err)
	}
	return &Server{URL: e.URL, App: e.App}
}
