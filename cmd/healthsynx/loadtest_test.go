package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
)

// TestSyntheticHospitalUnderLoad keeps the performance tooling working: on every
// engine under test it generates a small synthetic hospital, serves it, drives every
// operation of the load test for a moment, and checks that nothing failed and the
// audit chain still holds. It asserts no timings: CI machines vary.
func TestSyntheticHospitalUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a hospital and serves it")
	}
	for i, engine := range dbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			addr := fmt.Sprintf("127.0.0.1:%d", 18751+i)
			env := map[string]string{"HEALTHSYNX_DATA_DIR": t.TempDir(), "HEALTHSYNX_ADDR": addr,
				"HEALTHSYNX_DATABASE_URL": dbtest.EmptyURL(t, engine), "HEALTHSYNX_LOG_LEVEL": "warn"}
			if code, _, stderr := cli(t, env, "demo", "--patients", "3000"); code != 0 {
				t.Fatalf("demo --patients 3000: exit %d: %s", code, stderr)
			}
			defer serveInBackground(t, env)()

			code, stdout, stderr := cli(t, env, "loadtest", "--url", "http://"+addr, "--clients", "3", "--duration", "300ms")
			if code != 0 {
				t.Fatalf("loadtest: exit %d\n%s\n%s", code, stdout, stderr)
			}
			for _, op := range []string{"search: name prefix", "search: MRN", "search: phone prefix", "open a chart",
				"doctor's queue", "waiting list", "billing history: deep page", "record vitals + enqueue",
				"call the next patient", "complete consultation + bill"} {
				if !strings.Contains(stdout, "| "+op) {
					t.Errorf("the report has no row for %q:\n%s", op, stdout)
				}
			}
			sustainedRun(t, env, engine, addr, 18761+i)
			if code, stdout, stderr := cli(t, env, "audit", "verify"); code != 0 {
				t.Fatalf("audit verify after the load: exit %d %s %s", code, stdout, stderr)
			}
		})
	}
}

// serveInBackground serves with env until the returned function is called, which
// stops the server and checks that it exited cleanly. It returns once the server is
// ready.
func serveInBackground(t *testing.T, env map[string]string) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel) // also when it never becomes ready
	done := make(chan int, 1)
	go func() { done <- serveUntil(ctx, env, io.Discard, io.Discard) }()
	waitReady(t, env["HEALTHSYNX_ADDR"])
	return func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve on %s exited %d", env["HEALTHSYNX_ADDR"], code)
		}
	}
}

func waitReady(t *testing.T, addr string) {
	t.Helper()
	for range 200 {
		if res, err := http.Get("http://" + addr + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the server at %s did not become ready", addr)
}

// sustainedRun holds the clinical flow and the reads for a few seconds against the
// server at addr and, on PostgreSQL, against it and a second instance on port together,
// and checks the report's rules: no failed call, nobody handed to two doctors, one
// charge per visit seen out, and (two instances) every change reaching the other
// instance's live page.
func sustainedRun(t *testing.T, env map[string]string, engine db.Engine, addr string, port int) {
	t.Helper()
	urls := []string{"--url", "http://" + addr}
	if engine == db.Postgres {
		second := map[string]string{}
		for k, v := range env {
			second[k] = v
		}
		second["HEALTHSYNX_ADDR"] = fmt.Sprintf("127.0.0.1:%d", port)
		defer serveInBackground(t, second)()
		urls = append(urls, "--url", "http://"+second["HEALTHSYNX_ADDR"])
	}
	args := append([]string{"loadtest", "--sustained", "4s", "--clients", "12", "--think", "50ms", "--sample", "1s",
		"--doctor-accounts", "3", "--probe-every", "1s"}, urls...)
	code, stdout, stderr := cli(t, env, args...)
	if code != 0 {
		t.Fatalf("sustained loadtest: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"| register a patient |", "| take a payment |", "| waiting list |",
		"Handed to two doctors: none. Charged twice: none. Seen out without a charge: none."} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the sustained report has no %q:\n%s", want, stdout)
		}
	}
	if engine == db.Postgres && !strings.Contains(stdout, "reached a doctor's live page on the other") {
		t.Errorf("the two-instance report has no live-update line:\n%s", stdout)
	}
}

// The load test refuses what it cannot do, with the reason and exit code 2, before
// touching any server: several servers without --sustained, a sustained run without
// one of each part, a process id that is not one. A server off this machine is refused
// too (exit 1).
func TestLoadtestRefusals(t *testing.T) {
	env := map[string]string{"HEALTHSYNX_DATA_DIR": t.TempDir()}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--url", "http://127.0.0.1:1", "--url", "http://127.0.0.1:2"}, "several --url need --sustained"},
		{[]string{"--sustained", "1m", "--clients", "3"}, "at least 4 --clients"},
		{[]string{"--pid", "abc"}, `--pid "abc" is not a process id`},
		{[]string{"--url", "http://127.0.0.1:1", "--pid", "1", "--pid", "2"}, "at most one --pid per --url"},
	} {
		code, _, stderr := cli(t, env, append([]string{"loadtest"}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("loadtest %v: exit %d, %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
	code, _, stderr := cli(t, env, "loadtest", "--url", "http://192.0.2.1:8000", "--sustained", "1m", "--clients", "4")
	if code != 1 || !strings.Contains(stderr, "not on this machine") {
		t.Errorf("a server elsewhere: exit %d, %q", code, stderr)
	}
}
