package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"healthsynx/internal/config"
	"healthsynx/internal/loadtest"
)

func init() {
	register("loadtest", "measure the operations of the performance budgets against a running server, or hold a sustained load (loopback only)", cmdLoadtest)
}

// demoPassword is the demo staff's shared password (README); HEALTHSYNX_LOADTEST_PASSWORD
// overrides it.
const demoPassword = "TestPass123!"

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func cmdLoadtest(ctx context.Context, args []string, env func(string) string, out io.Writer) error {
	cfg := config.Defaults()
	fs := flags("loadtest", &cfg, env, out)
	var urls, pids listFlag
	fs.Var(&urls, "url", "a server to drive, on this machine; repeat it for several instances of one database (default: http:// and --addr)")
	fs.Var(&pids, "pid", "the server's process id, to read its memory from /proc (default: its /metrics); repeat it in the order of --url")
	clients := fs.Int("clients", 8, "concurrent clients (in each phase; or in all, with --sustained)")
	duration := fs.Duration("duration", 10*time.Second, "length of each phase (API, then direct)")
	maxCalls := fs.Int("max-calls", 20000, "calls per phase at most")
	seed := fs.Uint64("seed", 1, "chooses the patients and pages the clients ask for")
	doctors := fs.String("doctors", "lilyjohns,paulajohns", "doctors to sign in as, comma-separated")
	nurse := fs.String("nurse", "kellypeters", "nurse to sign in as")
	cashier := fs.String("cashier", "marykanes", "billing clerk to sign in as")
	only := fs.String("only", "", "run only the operations whose names contain this text (e.g. search)")
	sustained := fs.Duration("sustained", 0, "instead of the phases, replay the clinical flow and the reads with all the clients at once for this long (e.g. 10m)")
	think := fs.Duration("think", 500*time.Millisecond, "with --sustained: a client's mean pause between steps")
	doctorAccounts := fs.Int("doctor-accounts", 10, "with --sustained: doctor accounts loadtest-dr-NN to use, created as --admin when missing")
	admin := fs.String("admin", "admin1", "with --sustained: the administrator who creates the doctor accounts")
	sample := fs.Duration("sample", 30*time.Second, "with --sustained: how often each server's memory, goroutines and connections are read")
	probe := fs.Duration("probe-every", 10*time.Second, "with --sustained and several --url: how often a change through one instance is timed to another's live page")
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
	case *sustained < 0 || *sustained > 24*time.Hour:
		return usageError{msg: "--sustained must be positive and at most 24h"}
	case *think < 0 || *think > time.Minute:
		return usageError{msg: "--think must be between 0 and 1m"}
	case *doctorAccounts < 1 || *doctorAccounts > 99:
		return usageError{msg: "--doctor-accounts must be between 1 and 99"}
	case *sample < time.Second:
		return usageError{msg: "--sample must be at least 1s"}
	case *sustained > 0 && *clients < 4:
		return usageError{msg: "--sustained needs at least 4 --clients: a doctor, a nurse, a billing clerk and a reader"}
	case len(urls) > 1 && *sustained == 0:
		return usageError{msg: "several --url need --sustained: the phases drive one server"}
	case len(pids) > max(len(urls), 1):
		return usageError{msg: "give at most one --pid per --url"}
	}
	if len(urls) == 0 {
		urls = listFlag{"http://" + cfg.Addr}
	}
	for _, u := range urls {
		if _, err := loadtest.CheckLoopback(u); err != nil {
			return err
		}
	}
	pidNums := make([]int, len(pids))
	for i, p := range pids {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 {
			return usageError{msg: fmt.Sprintf("--pid %q is not a process id", p)}
		}
		pidNums[i] = n
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
	if *sustained > 0 {
		rep, err := loadtest.RunSustained(ctx, a.DB, cfg.Location(), loadtest.SustainedOptions{URLs: urls, PIDs: pidNums,
			Clients: *clients, Duration: *sustained, Think: *think, Seed: *seed, Doctors: *doctorAccounts, Admin: *admin,
			Nurse: *nurse, Cashier: *cashier, Password: password, Sample: *sample, ProbeEvery: *probe, Progress: os.Stderr})
		if err != nil {
			return err
		}
		rep.Write(out)
		if rep.Failed() {
			return errors.New("the sustained run broke a rule: see the report")
		}
		return nil
	}
	pid := 0
	if len(pidNums) > 0 {
		pid = pidNums[0]
	}
	rep, err := loadtest.Run(ctx, a.DB, cfg.Location(), loadtest.Options{URL: urls[0], Clients: *clients, Duration: *duration,
		MaxCalls: *maxCalls, PID: pid, Seed: *seed, Doctors: strings.Split(*doctors, ","), Nurse: *nurse, Cashier: *cashier,
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
