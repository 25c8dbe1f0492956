package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"healthsynx/internal/audit"
	"healthsynx/internal/platform/db"
)

func TestAuditVerifyCommand(t *testing.T) {
	dir := t.TempDir()
	env := func(k string) string {
		if k == "HEALTHSYNX_DATA_DIR" {
			return dir
		}
		return ""
	}
	healthsynx := func(args ...string) (code int, stdout, stderr string) {
		var out, errOut bytes.Buffer
		code = run(args, env, &out, &errOut)
		return code, out.String(), errOut.String()
	}
	if code, _, stderr := healthsynx("migrate", "up"); code != 0 {
		t.Fatalf("migrate: exit %d: %s", code, stderr)
	}
	if code, stdout, _ := healthsynx("audit", "verify"); code != 0 || stdout != "audit log intact: 0 events\n" {
		t.Fatalf("empty log: exit %d, %q", code, stdout)
	}

	ctx := context.Background()
	d, err := db.Open(ctx, "sqlite://"+filepath.Join(dir, "healthsynx.db"), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	l := audit.New(d, false)
	for _, detail := range []string{"first", "second", "third"} {
		if err := l.Record(ctx, d, audit.Event{Action: audit.ActionView, ObjectType: "patient", ObjectID: "7", PatientID: 7, Detail: detail}); err != nil {
			t.Fatal(err)
		}
	}
	if code, stdout, stderr := healthsynx("audit", "verify"); code != 0 || stdout != "audit log intact: 3 events\n" {
		t.Fatalf("intact log: exit %d, %q %q", code, stdout, stderr)
	}

	var id int64
	if err := d.QueryRow(ctx, "SELECT id FROM audit_events WHERE seq = 2").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Exec(ctx, "UPDATE audit_events SET outcome = 'denied' WHERE seq = 2"); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := healthsynx("audit", "verify")
	want := "audit log broken at event seq=2 id=" + strconv.FormatInt(id, 10) + ": "
	if code != 1 || stdout != "" || !strings.Contains(stderr, want) {
		t.Fatalf("tampered log: exit %d, stdout %q, stderr %q; want exit 1 and %q", code, stdout, stderr, want)
	}

	for _, args := range [][]string{{"audit"}, {"audit", "check"}, {"audit", "verify", "extra"}} {
		if code, _, _ := healthsynx(args...); code != 2 {
			t.Errorf("healthsynx %s: exit %d, want 2 (usage)", strings.Join(args, " "), code)
		}
	}
}
