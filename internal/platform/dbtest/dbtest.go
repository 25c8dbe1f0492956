// Package dbtest gives each test its own fresh, migrated database on each engine under
// test: SQLite always; PostgreSQL and MySQL/MariaDB when HEALTHSYNX_TEST_POSTGRES_URL and
// HEALTHSYNX_TEST_MYSQL_URL name a server. With a variable set and the server down, the
// test fails: it never skips silently.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"healthsynx/internal/platform/db"
	"healthsynx/migrations"
)

const (
	EnvPostgres = "HEALTHSYNX_TEST_POSTGRES_URL"
	EnvMySQL    = "HEALTHSYNX_TEST_MYSQL_URL"
)

// Engines lists the engines this run tests.
func Engines() []db.Engine {
	out := []db.Engine{db.SQLite}
	if os.Getenv(EnvPostgres) != "" {
		out = append(out, db.Postgres)
	}
	if os.Getenv(EnvMySQL) != "" {
		out = append(out, db.MySQL)
	}
	return out
}

// Each runs fn as a subtest on every engine under test, each with a fresh database.
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	for _, e := range Engines() {
		t.Run(string(e), func(t *testing.T) { fn(t, New(t, e)) })
	}
}

// New returns a fresh migrated database on engine e, removed when the test ends.
func New(t testing.TB, e db.Engine) *db.DB {
	t.Helper()
	u := NewURL(t, e)
	ctx := context.Background()
	d, err := db.Open(ctx, u, 10*time.Second)
	if err != nil {
		t.Fatalf("open %s test database: %v", e, err)
	}
	t.Cleanup(func() { d.Close() })
	if e != db.Postgres { // PostgreSQL databases are cloned from a migrated template
		migs, err := migrations.All()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.Migrate(ctx, migs); err != nil {
			t.Fatalf("migrate %s test database: %v", e, err)
		}
	}
	return d
}

// NewURL creates an empty (PostgreSQL: migrated) database on engine e and returns its URL;
// it is dropped when the test ends. Use it to start a server process on its own database.
func NewURL(t testing.TB, e db.Engine) string {
	t.Helper()
	switch e {
	case db.Postgres:
		return newPostgres(t)
	case db.MySQL:
		return newMySQL(t)
	}
	return "sqlite://" + filepath.Join(t.TempDir(), "test.db")
}

func randomName(prefix string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func withDB(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + name
	return u.String()
}

func admin(t testing.TB, env string) *db.DB {
	t.Helper()
	raw := os.Getenv(env)
	if raw == "" {
		t.Fatalf("%s is not set", env)
	}
	d, err := db.Open(context.Background(), raw, 5*time.Second)
	if err != nil {
		t.Fatalf("%s: %v", env, err)
	}
	return d
}

var (
	pgTemplateOnce sync.Once
	pgTemplate     string
	pgTemplateErr  error
)

// migrationsHash names the PostgreSQL template after the schema it holds, so that test
// processes share it and a schema change makes a new one.
func migrationsHash() (string, error) {
	migs, err := migrations.All()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range migs {
		stmts, err := m.Statements(db.Postgres)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%d\n%s\n", m.Version, strings.Join(stmts, ";\n"))
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

func ensurePostgresTemplate(t testing.TB) (string, error) {
	pgTemplateOnce.Do(func() {
		ctx := context.Background()
		hash, err := migrationsHash()
		if err != nil {
			pgTemplateErr = err
			return
		}
		name := "hstpl_" + hash
		a := admin(t, EnvPostgres)
		defer a.Close()
		conn, err := a.DB.Conn(ctx)
		if err != nil {
			pgTemplateErr = err
			return
		}
		defer conn.Close()
		// Serialise template creation across test processes.
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(4242001)"); err != nil {
			pgTemplateErr = err
			return
		}
		defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(4242001)")
		var exists int
		_ = conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM pg_database WHERE datname = $1", name).Scan(&exists)
		if exists == 0 {
			tmp := name + "_build"
			_, _ = conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+tmp+" WITH (FORCE)")
			if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+tmp); err != nil {
				pgTemplateErr = err
				return
			}
			d, err := db.Open(ctx, withDB(os.Getenv(EnvPostgres), tmp), 5*time.Second)
			if err != nil {
				pgTemplateErr = err
				return
			}
			migs, _ := migrations.All()
			_, err = d.Migrate(ctx, migs)
			d.Close()
			if err != nil {
				pgTemplateErr = fmt.Errorf("migrate template: %w", err)
				return
			}
			if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+tmp+" RENAME TO "+name); err != nil {
				pgTemplateErr = err
				return
			}
		}
		pgTemplate = name
	})
	return pgTemplate, pgTemplateErr
}

// EmptyURL creates an empty, unmigrated database on engine e (to test migrating it).
func EmptyURL(t testing.TB, e db.Engine) string {
	t.Helper()
	if e == db.Postgres {
		return newPostgresFrom(t, "template1")
	}
	return NewURL(t, e)
}

func newPostgres(t testing.TB) string {
	t.Helper()
	tpl, err := ensurePostgresTemplate(t)
	if err != nil {
		t.Fatalf("postgres template: %v", err)
	}
	return newPostgresFrom(t, tpl)
}

func newPostgresFrom(t testing.TB, tpl string) string {
	t.Helper()
	a := admin(t, EnvPostgres)
	defer a.Close()
	name := randomName("hst_")
	var lastErr error
	for i := 0; i < 20; i++ { // the template is briefly busy while another process clones it
		if _, lastErr = a.Exec(context.Background(), "CREATE DATABASE "+name+" TEMPLATE "+tpl); lastErr == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if lastErr != nil {
		t.Fatalf("create postgres test database: %v", lastErr)
	}
	t.Cleanup(func() {
		a := admin(t, EnvPostgres)
		defer a.Close()
		_, _ = a.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return withDB(os.Getenv(EnvPostgres), name)
}

func newMySQL(t testing.TB) string {
	t.Helper()
	a := admin(t, EnvMySQL)
	defer a.Close()
	name := randomName("hst_")
	if _, err := a.Exec(context.Background(), "CREATE DATABASE "+name+" CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatalf("create mysql test database: %v", err)
	}
	t.Cleanup(func() {
		a := admin(t, EnvMySQL)
		defer a.Close()
		_, _ = a.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name)
	})
	return withDB(os.Getenv(EnvMySQL), name)
}
