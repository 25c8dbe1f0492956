// Package db opens the database named by a URL (sqlite, postgres or mysql), hides the few
// dialect differences behind one type, and runs transactions and migrations.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Engine names a database engine.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
	MySQL    Engine = "mysql"
)

// DB is a *sql.DB that knows its engine. All SQL in the project is written with `?`
// placeholders; DB rebinds them for PostgreSQL.
type DB struct {
	*sql.DB
	Engine Engine
	// Pool is the native pgx pool on PostgreSQL (for COPY and LISTEN/NOTIFY), nil elsewhere.
	Pool *pgxpool.Pool
	// Path is the database file on SQLite.
	Path string
	url  string
}

// ParseURL checks a HEALTHSYNX_DATABASE_URL and returns its engine.
func ParseURL(raw string) (Engine, *url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return "", nil, fmt.Errorf("database URL %q is not a URL; use sqlite:///path/to/file.db, postgres://user@host/db or mysql://user@host/db", redact(raw))
	}
	switch u.Scheme {
	case "sqlite", "sqlite3", "file":
		p := u.Opaque
		if p == "" {
			p = u.Host + u.Path
		}
		if p == "" {
			return "", nil, fmt.Errorf("database URL %q names no file; use sqlite:///path/to/file.db", redact(raw))
		}
		return SQLite, u, nil
	case "postgres", "postgresql":
		if u.Host == "" {
			return "", nil, fmt.Errorf("database URL %q names no host", redact(raw))
		}
		return Postgres, u, nil
	case "mysql", "mariadb":
		if u.Host == "" || strings.Trim(u.Path, "/") == "" {
			return "", nil, fmt.Errorf("database URL %q needs a host and a database name: mysql://user:pass@host:3306/dbname", redact(raw))
		}
		return MySQL, u, nil
	}
	return "", nil, fmt.Errorf("database URL scheme %q is not supported; use sqlite, postgres or mysql", u.Scheme)
}

// redact hides a password in a URL so that it can be printed.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Redacted returns the URL with any password hidden.
func (d *DB) Redacted() string { return redact(d.url) }

// Open connects to the database named by raw and waits up to wait for it to answer.
func Open(ctx context.Context, raw string, wait time.Duration) (*DB, error) {
	engine, u, err := ParseURL(raw)
	if err != nil {
		return nil, err
	}
	d := &DB{Engine: engine, url: raw}
	switch engine {
	case SQLite:
		p := u.Opaque
		if p == "" {
			p = u.Host + u.Path
		}
		d.Path = p
		if dir := filepath.Dir(p); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("cannot create the database directory %s: %v", dir, err)
			}
		}
		// _txlock=immediate takes the write lock at BEGIN, so two writers wait on the busy
		// timeout instead of failing with SQLITE_BUSY when a read transaction upgrades.
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "foreign_keys(ON)")
		q.Add("_pragma", "synchronous(NORMAL)")
		// 4 MB of page cache per connection. The pure-Go SQLite's allocator keeps each
		// cached 4 KiB page, with its header, in an 8 KiB block, so the pool's eight
		// caches cost twice their size: at 32 MB each the server reached 540 MB under
		// load (docs/PERFORMANCE.md), past the 200 MB budget, without answering faster;
		// the operating system caches the file anyway.
		q.Add("_pragma", "cache_size(-4000)")
		q.Add("_txlock", "immediate")
		q.Add("_time_format", "sqlite")
		sqldb, err := sql.Open("sqlite", "file:"+p+"?"+q.Encode())
		if err != nil {
			return nil, err
		}
		sqldb.SetMaxOpenConns(8)
		sqldb.SetMaxIdleConns(8)
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
		d.DB = sqldb
	case Postgres:
		cfg, err := pgxpool.ParseConfig(raw)
		if err != nil {
			return nil, fmt.Errorf("database URL %q: %v", redact(raw), err)
		}
		if cfg.ConnConfig.RuntimeParams == nil {
			cfg.ConnConfig.RuntimeParams = map[string]string{}
		}
		cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
		cfg.MaxConns = 20
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		if err != nil {
			return nil, fmt.Errorf("database URL %q: %v", redact(raw), err)
		}
		d.Pool = pool
		d.DB = stdlib.OpenDBFromPool(pool)
	case MySQL:
		cfg := mysql.NewConfig()
		cfg.Net = "tcp"
		cfg.Addr = u.Host
		if !strings.Contains(u.Host, ":") {
			cfg.Addr = u.Host + ":3306"
		}
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
		cfg.DBName = strings.Trim(u.Path, "/")
		cfg.ParseTime = true
		cfg.Loc = time.UTC
		cfg.Params = map[string]string{"time_zone": "'+00:00'"}
		cfg.Collation = "utf8mb4_unicode_ci"
		cfg.ClientFoundRows = true // RowsAffected counts matched rows, as on the other engines
		cfg.MultiStatements = false
		cfg.InterpolateParams = false
		connector, err := mysql.NewConnector(cfg)
		if err != nil {
			return nil, fmt.Errorf("database URL %q: %v", redact(raw), err)
		}
		sqldb := sql.OpenDB(connector)
		sqldb.SetMaxOpenConns(20)
		sqldb.SetMaxIdleConns(20)
		sqldb.SetConnMaxLifetime(30 * time.Minute)
		d.DB = sqldb
	}
	if err := d.waitReady(ctx, wait); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// waitReady pings until the database answers or wait has passed.
func (d *DB) waitReady(ctx context.Context, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	var last error
	for {
		pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		last = d.PingContext(pctx)
		cancel()
		if last == nil {
			return nil
		}
		if serverRefused(last) {
			return fmt.Errorf("database %s refused the connection: %v", redact(d.url), oneLine(last))
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("database %s did not answer within %s: %v", redact(d.url), wait, oneLine(last))
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// serverRefused reports an error the server itself answered with (bad credentials, unknown
// database): waiting longer will not help. A server that is still starting is retried.
func serverRefused(err error) bool {
	var my *mysql.MySQLError
	if errors.As(err, &my) {
		return true
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code != "57P03" // cannot_connect_now: starting up
	}
	return false
}

func oneLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// Close closes the database and, on PostgreSQL, the pool beneath it.
func (d *DB) Close() error {
	var err error
	if d.DB != nil {
		err = d.DB.Close()
	}
	if d.Pool != nil {
		d.Pool.Close()
	}
	return err
}

// Now is the current time as the database stores it: UTC, microsecond precision, so a
// value round-trips identically on every engine.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// ErrNoRows is sql.ErrNoRows, re-exported so stores need not import database/sql for it.
var ErrNoRows = sql.ErrNoRows

// IsNoRows reports whether err is sql.ErrNoRows.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Advice lists what the database server's settings should change for HealthSynx to
// keep its speed as the data grows; empty when nothing. On PostgreSQL: autovacuum must
// be on, or the tables updated all day (the queue, invoices) fill their indexes with
// dead rows and every read of the open queue slows.
func (d *DB) Advice(ctx context.Context) ([]string, error) {
	if d.Engine != Postgres {
		return nil, nil
	}
	var autovacuum string
	if err := d.QueryRow(ctx, "SHOW autovacuum").Scan(&autovacuum); err != nil {
		return nil, err
	}
	if autovacuum != "on" {
		return []string{"PostgreSQL's autovacuum is off: dead rows will slow the queue and billing reads as the day goes on; " +
			"set autovacuum = on (the default) in postgresql.conf"}, nil
	}
	return nil, nil
}
