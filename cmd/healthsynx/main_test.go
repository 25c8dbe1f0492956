package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
)

// cli runs the command line in-process with only the given environment.
func cli(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, func(k string) string { return env[k] }, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRefusalsAreOneLineAndExitOne(t *testing.T) {
	dir := t.TempDir()
	readOnly := filepath.Join(dir, "ro")
	if err := os.Mkdir(readOnly, 0o500); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"malformed URL", map[string]string{"HEALTHSYNX_DATA_DIR": dir, "HEALTHSYNX_DATABASE_URL": "oracle://db/x"}, `scheme "oracle" is not supported`},
		{"not a URL", map[string]string{"HEALTHSYNX_DATA_DIR": dir, "HEALTHSYNX_DATABASE_URL": "just words"}, "is not a URL"},
		{"database does not answer", map[string]string{"HEALTHSYNX_DATA_DIR": dir, "HEALTHSYNX_DB_WAIT": "1s",
			"HEALTHSYNX_DATABASE_URL": "postgres://postgres:secret@127.0.0.1:1/none?sslmode=disable"}, "did not answer within 1s"},
		{"bad currency", map[string]string{"HEALTHSYNX_DATA_DIR": dir, "HEALTHSYNX_CURRENCY": "shillings"}, "HEALTHSYNX_CURRENCY"},
	}
	if os.Geteuid() != 0 { // root writes anywhere, so the check cannot trip
		cases = append(cases, struct {
			name string
			env  map[string]string
			want string
		}{"unwritable data dir", map[string]string{"HEALTHSYNX_DATA_DIR": readOnly}, "is not writable"})
	}
	for _, c := range cases {
		code, _, stderr := cli(t, c.env, "migrate", "up")
		if code != 1 {
			t.Errorf("%s: exit %d, want 1 (%s)", c.name, code, stderr)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: stderr %q, want one line containing %q", c.name, stderr, c.want)
		}
		if strings.Contains(stderr, "secret") || strings.Contains(stderr, "goroutine") {
			t.Errorf("%s: stderr leaks a password or a stack: %q", c.name, stderr)
		}
	}
	if code, _, stderr := cli(t, nil, "frobnicate"); code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, %q", code, stderr)
	}
	if code, stdout, _ := cli(t, nil, "serve", "--help"); code != 0 || !strings.Contains(stdout, "HEALTHSYNX_DATABASE_URL") {
		t.Errorf("serve --help: exit %d, %q", code, stdout)
	}
}

func TestNewerSchemaIsRefusedAtStart(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"HEALTHSYNX_DATA_DIR": dir}
	if code, _, stderr := cli(t, env, "migrate", "up"); code != 0 {
		t.Fatalf("migrate: %d %s", code, stderr)
	}
	d, err := db.Open(context.Background(), "sqlite://"+filepath.Join(dir, "healthsynx.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Exec(context.Background(), "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', ?)", db.Now())
	d.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cli(t, env, "serve")
	if code != 1 || !strings.Contains(stderr, "newer than this binary knows") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("serve on a newer schema: exit %d, %q", code, stderr)
	}
}

func TestMigrateStatusAndSecretKeyFile(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"HEALTHSYNX_DATA_DIR": dir}
	code, stdout, _ := cli(t, env, "migrate", "status")
	if code != 0 || !regexp.MustCompile(`(?m)^0001\s+departments\s+pending$`).MatchString(stdout) {
		t.Fatalf("status before migrating: %d %q", code, stdout)
	}
	cli(t, env, "migrate", "up")
	if _, stdout, _ := cli(t, env, "migrate", "status"); strings.Contains(stdout, "pending") {
		t.Fatalf("status after migrating still shows pending: %q", stdout)
	}
	st, err := os.Stat(filepath.Join(dir, "secret.key"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("secret key file: %v, mode %v; want 0600", err, st.Mode().Perm())
	}
	key, _ := os.ReadFile(filepath.Join(dir, "secret.key"))
	cli(t, env, "migrate", "status")
	again, _ := os.ReadFile(filepath.Join(dir, "secret.key"))
	if len(key) < 32 || string(key) != string(again) {
		t.Fatal("the secret key must be generated once and then kept")
	}
}

func TestBackupWhileServing(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"HEALTHSYNX_DATA_DIR": dir, "HEALTHSYNX_ADDR": "127.0.0.1:0"}
	if code, _, stderr := cli(t, env, "demo"); code != 0 {
		t.Fatalf("demo: %d %s", code, stderr)
	}
	out := filepath.Join(dir, "copy.db")
	code, stdout, stderr := cli(t, env, "backup", "--out", out)
	if code != 0 || !strings.Contains(stdout, out) {
		t.Fatalf("backup: %d %q %q", code, stdout, stderr)
	}
	counts := func(path string) (depts, staff int) {
		d, err := db.Open(context.Background(), "sqlite://"+path, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		_ = d.QueryRow(context.Background(), "SELECT COUNT(*) FROM departments").Scan(&depts)
		_ = d.QueryRow(context.Background(), "SELECT COUNT(*) FROM users WHERE role <> 'patient'").Scan(&staff)
		return depts, staff
	}
	if depts, staff := counts(out); depts != 7 || staff != 15 {
		t.Fatalf("backup holds %d departments and %d staff, want the demo's 7 and 15", depts, staff)
	}
	if code, _, _ := cli(t, env, "backup", "--out", out); code != 1 {
		t.Fatal("backup over an existing file must be refused")
	}
}

// TestServeOnEveryEngine runs the serve command in-process against each engine under
// test: it migrates an empty database, loads the demo data and answers /healthz and
// /readyz.
func TestServeOnEveryEngine(t *testing.T) {
	for i, engine := range dbtest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			addr := fmt.Sprintf("127.0.0.1:%d", 18731+i)
			env := map[string]string{"HEALTHSYNX_DATA_DIR": t.TempDir(), "HEALTHSYNX_ADDR": addr,
				"HEALTHSYNX_DATABASE_URL": dbtest.EmptyURL(t, engine)}
			ctx, stop := context.WithCancel(context.Background())
			done := make(chan int, 1)
			go func() {
				var out, errOut bytes.Buffer
				done <- serveUntil(ctx, env, &out, &errOut)
			}()
			var res *http.Response
			var err error
			for i := 0; i < 200; i++ {
				if res, err = http.Get("http://" + addr + "/readyz"); err == nil {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if err != nil {
				t.Fatalf("serve did not answer: %v", err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"status":"ok"}` {
				t.Fatalf("/readyz: %d %s", res.StatusCode, body)
			}
			stop()
			if code := <-done; code != 0 {
				t.Fatalf("serve exited %d after shutdown", code)
			}
		})
	}
}

// serveUntil runs "serve --demo" until ctx ends, as SIGTERM would end it.
func serveUntil(ctx context.Context, env map[string]string, out, errOut io.Writer) int {
	err := cmdServe(ctx, []string{"--demo"}, func(k string) string { return env[k] }, out)
	if err != nil {
		fmt.Fprintln(errOut, err)
		return 1
	}
	return 0
}
