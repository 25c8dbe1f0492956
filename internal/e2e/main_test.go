package e2e

import (
	"log/slog"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// The application logs every request at info; keep the test output to
	// what went wrong.
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	code := m.Run()
	Shutdown()
	os.Exit(code)
}
