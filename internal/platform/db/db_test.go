package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
	"healthsynx/migrations"
)

func TestParseURL(t *testing.T) {
	cases := []struct {
		url    string
		engine db.Engine
		err    string
	}{
		{"sqlite:///tmp/x.db", db.SQLite, ""},
		{"sqlite://data/x.db", db.SQLite, ""},
		{"postgres://postgres@127.0.0.1:5432/test", db.Postgres, ""},
		{"mysql://root@127.0.0.1:3306/test", db.MySQL, ""},
		{"mysql://root@127.0.0.1:3306/", "", "needs a host and a database name"},
		{"oracle://x/y", "", `scheme "oracle" is not supported`},
		{"not a url", "", "is not a URL"},
		{"postgres://u:secret@/db", "", "names no host"},
	}
	for _, c := range cases {
		e, _, err := db.ParseURL(c.url)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseURL(%q) error = %v, want containing %q", c.url, err, c.err)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("ParseURL(%q) leaked the password: %v", c.url, err)
			}
			continue
		}
		if err != nil || e != c.engine {
			t.Errorf("ParseURL(%q) = %q, %v; want %q", c.url, e, err, c.engine)
		}
	}
}

func TestRebind(t *testing.T) {
	got := db.Rebind(db.Postgres, "SELECT a FROM t WHERE b = ? AND c IN (?, ?)")
	if want := "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)"; got != want {
		t.Fatalf("Rebind = %q, want %q", got, want)
	}
	if got := db.Rebind(db.MySQL, "x = ?"); got != "x = ?" {
		t.Fatalf("MySQL query was rewritten: %q", got)
	}
}

func TestMigrationsRenderForEveryEngine(t *testing.T) {
	migs, err := migrations.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(migs) == 0 {
		t.Fatal("no migrations found")
	}
	for _, e := range []db.Engine{db.SQLite, db.Postgres, db.MySQL} {
		for _, m := range migs {
			stmts, err := m.Statements(e)
			if err != nil {
				t.Fatalf("%s: %v", e, err)
			}
			for _, s := range stmts {
				if strings.Contains(s, "{{") || strings.Contains(s, "<no value>") {
					t.Errorf("%s migration %d renders an unexpanded template: %s", e, m.Version, s)
				}
			}
		}
	}
}

func TestEngine(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		migs, _ := migrations.All()
		n, err := d.Pending(ctx, migs)
		if err != nil || n != 0 {
			t.Fatalf("Pending = %d, %v; want 0 after migrating", n, err)
		}
		// Migrating again is a no-op.
		if n, err := d.Migrate(ctx, migs); err != nil || n != 0 {
			t.Fatalf("second Migrate = %d, %v; want 0, nil", n, err)
		}
		now := db.Now()
		id, err := d.InsertID(ctx, "INSERT INTO departments (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)", "Cardiology", "Heart", now, now)
		if err != nil || id <= 0 {
			t.Fatalf("InsertID = %d, %v", id, err)
		}
		var name string
		var created = now
		if err := d.QueryRow(ctx, "SELECT name, created_at FROM departments WHERE id = ?", id).Scan(&name, &created); err != nil {
			t.Fatal(err)
		}
		if name != "Cardiology" || !created.Equal(now) {
			t.Fatalf("read back %q %v, want Cardiology %v", name, created, now)
		}
		_, err = d.InsertID(ctx, "INSERT INTO departments (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)", "CARDIOLOGY", "dup", now, now)
		if !db.IsUniqueViolation(err) {
			t.Fatalf("duplicate name (other case): err = %v, want unique violation", err)
		}
		// A failing transaction leaves nothing behind.
		sentinel := errors.New("stop")
		err = d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := tx.Exec(ctx, "INSERT INTO departments (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)", "Oncology", "", now, now); err != nil {
				return err
			}
			return sentinel
		})
		if !errors.Is(err, sentinel) {
			t.Fatalf("InTx error = %v", err)
		}
		var count int
		_ = d.QueryRow(ctx, "SELECT COUNT(*) FROM departments WHERE name = ?", "Oncology").Scan(&count)
		if count != 0 {
			t.Fatalf("rolled-back insert is visible (%d rows)", count)
		}
		// LIKE escaping treats wildcards literally.
		_ = d.QueryRow(ctx, "SELECT COUNT(*) FROM departments WHERE name "+db.ILike(d)+" ?"+db.LikeEscape, db.EscapeLike("cardio")+"%").Scan(&count)
		if count != 1 {
			t.Fatalf("prefix search found %d, want 1", count)
		}
		_ = d.QueryRow(ctx, "SELECT COUNT(*) FROM departments WHERE name "+db.ILike(d)+" ?"+db.LikeEscape, db.EscapeLike("%")+"%").Scan(&count)
		if count != 0 {
			t.Fatalf("escaped %% matched %d rows, want 0", count)
		}
	})
}

func TestNewerSchemaIsRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		future, err := db.LoadMigrations(fstest.MapFS{
			"9999_future.sql": {Data: []byte("CREATE TABLE future_thing (id {{pk}});")},
		})
		if err != nil {
			t.Fatal(err)
		}
		migs, _ := migrations.All()
		if _, err := d.Migrate(ctx, append(append([]db.Migration(nil), migs...), future...)); err != nil {
			t.Fatalf("applying the future migration: %v", err)
		}
		_, err = d.Pending(ctx, migs)
		var newer *db.ErrNewerSchema
		if !errors.As(err, &newer) || newer.DBVersion != 9999 {
			t.Fatalf("Pending on a newer schema = %v, want ErrNewerSchema(9999)", err)
		}
		if _, err := d.Migrate(ctx, migs); !errors.As(err, &newer) {
			t.Fatalf("Migrate on a newer schema = %v, want ErrNewerSchema", err)
		}
	})
}

// Several instances starting at once against one database migrate it exactly once.
func TestConcurrentMigrate(t *testing.T) {
	for _, e := range dbtest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			url := dbtest.EmptyURL(t, e)
			migs, _ := migrations.All()
			const instances = 4
			applied := make(chan int, instances)
			errc := make(chan error, instances)
			for i := 0; i < instances; i++ {
				go func() {
					d, err := db.Open(ctx, url, 10*time.Second)
					if err != nil {
						errc <- err
						return
					}
					defer d.Close()
					n, err := d.Migrate(ctx, migs)
					applied <- n
					errc <- err
				}()
			}
			total := 0
			for i := 0; i < instances; i++ {
				if err := <-errc; err != nil {
					t.Fatalf("instance %d: %v", i, err)
				}
			}
			close(applied)
			for n := range applied {
				total += n
			}
			if total != len(migs) {
				t.Fatalf("%d migrations applied in all, want %d (each exactly once)", total, len(migs))
			}
		})
	}
}

// Advice speaks up exactly when PostgreSQL's autovacuum is off, and never on the
// engines that clean up by themselves.
func TestAdviceOnAutovacuum(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		advice, err := d.Advice(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if d.Engine != db.Postgres {
			if len(advice) != 0 {
				t.Errorf("%s: advice %q", d.Engine, advice)
			}
			return
		}
		var setting string
		if err := d.QueryRow(ctx, "SHOW autovacuum").Scan(&setting); err != nil {
			t.Fatal(err)
		}
		if off := setting != "on"; off != (len(advice) == 1 && strings.Contains(advice[0], "autovacuum is off")) {
			t.Errorf("autovacuum %s, advice %q", setting, advice)
		}
	})
}
