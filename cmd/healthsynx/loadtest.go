package main

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"time"

	"healthsynx/internal/config"
	"healthsynx/internal/loadtest"
)

func init() {
	register("loadtest", "measure the operations of the performance budgets against a running server (loopback only)", cmdLoadtest)
}

// demoPassword is the demo staff's shared password (README); HEALTHSYNX_LOADTEST_PASSWORD
// overrides it.
const demoPassword = "TestPass123!"

func cmdLoadtest(ctx context.Context, args []string, env func(string) string, out io.Writer) error {
	cfg := config.Defaults()
	fs := flags("loadtest", &cfg, env, out)
	url := fs.String("url", "", "the server to drive, on this machine (default: http:// and --addr)")
	clients := fs.Int("clients", 8, "concurrent clients in each phase")
	duration := fs.Duration("duration", 10*time.Second, "length of each phase (API, then direct)")
	maxCalls := fs.Int("max-calls", 20000, "calls per phase at most")
	pid := fs.Int("pid", 0, "the server's process id, to read its memory from /proc (default: its /metrics)")
	seed := fs.Uint64("seed", 1, "chooses the patients and pages the clients ask for")
	doctors := fs.String("doctors", "lilyjohns,paulajohns", "doctors to sign in as, comma-separated")
	nurse := fs.String("nurse", "kellypeters", "nurse to sign in as")
	cashier := fs.String("cashier", "marykanes", "billing clerk to sign in as")
	only := fs.String("only", "", "run only the operations whose names contain this text (e.g. search)")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *clients < 1 || *clients > 500:
		return usageError{msg: "--clients must be between 1 and 500"}
	case *duration <= 0 || *duration > 10*time.Minute:
		return usageError{msg: "--duration must be positive and at most 10m"}
	case *maxCalls < 1:
		return usageError{msg: "--max-calls must be positive"}
	}
	if *url == "" {
		*url = "http://" + cfg.Addr
	}
	password := env("HEALTHSYNX_LOADTEST_PASSWORD")
	if password == "" {
		password = demoPassword
	}
	a, err := open(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := loadtest.Run(ctx, a.DB, cfg.Location(), loadtest.Options{URL: *url, Clients: *clients, Duration: *duration,
		MaxCalls: *maxCalls, PID: *pid, Seed: *seed, Doctors: strings.Split(*doctors, ","), Nurse: *nurse, Cashier: *cashier,
		Password: password, Only: *only, Progress: os.Stderr})
	if err != nil {
		return err
	}
	rep.Write(out)
	if rep.Failed() {
		return errors.New("some calls failed: see the errors under the table")
	}
	return nil
}
