package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

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
			ctx, stop := context.WithCancel(context.Background())
			done := make(chan int, 1)
			go func() { done <- serveUntil(ctx, env, io.Discard, io.Discard) }()
			defer func() {
				stop()
				if code := <-done; code != 0 {
					t.Errorf("serve exited %d", code)
				}
			}()
			waitReady(t, addr)

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
			if code, stdout, stderr := cli(t, env, "audit", "verify"); code != 0 {
				t.Fatalf("audit verify after the load: exit %d %s %s", code, stdout, stderr)
			}
		})
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
