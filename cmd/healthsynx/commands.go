package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"healthsynx/internal/app"
	"healthsynx/internal/config"
	"healthsynx/internal/demo"
	"healthsynx/internal/platform/db"
)

func init() {
	register("serve", "apply pending migrations and serve HTTP", cmdServe)
	register("migrate", "apply pending migrations (up) or list them (status)", cmdMigrate)
	register("demo", "load the demo hospital (--patients N for a large synthetic one)", cmdDemo)
	register("backup", "copy the SQLite database while it serves, or print the dump command", cmdBackup)
	register("version", "print the version", func(ctx context.Context, args []string, env func(string) string, out io.Writer) error {
		fmt.Fprintln(out, "healthsynx", version)
		return nil
	})
}

// flags makes a FlagSet with the shared configuration flags bound to cfg.
func flags(name string, cfg *config.Config, env func(string) string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("healthsynx "+name, flag.ContinueOnError)
	fs.SetOutput(out)
	cfg.Bind(fs, env)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{msg: err.Error()}
	}
	return nil
}

// open loads the configuration and opens the application, migrating first if asked.
func open(ctx context.Context, cfg config.Config, migrate bool) (*app.App, error) {
	if err := cfg.Finish(); err != nil {
		return nil, err
	}
	setupLogging(cfg.LogLevel)
	a, err := app.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if migrate {
		n, err := a.Migrate(ctx)
		if err != nil {
			a.Close()
			return nil, err
		}
		if n > 0 {
			slog.Info("migrations applied", "count", n)
		}
	} else if err := a.CheckSchema(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func cmdServe(ctx context.Context, args []string, env func(string) string, out io.Writer) error {
	cfg := config.Defaults()
	fs := flags("serve", &cfg, env, out)
	withDemo := fs.Bool("demo", false, "load the demo data first (adds nothing that is already there)")
	if err := parse(fs, args); err != nil {
		return err
	}
	start := time.Now()
	a, err := open(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer a.Close()
	advice, err := a.DB.Advice(ctx)
	if err != nil {
		return err
	}
	for _, msg := range advice {
		slog.Warn("database settings", "advice", msg)
	}
	if *withDemo {
		if err := demo.Load(ctx, a, demo.Options{}); err != nil {
			return err
		}
	}
	return a.Serve(ctx, func(addr string) {
		slog.Info("serving", "url", "http://"+addr, "database", string(a.DB.Engine), "version", version, "startup_ms", time.Since(start).Milliseconds())
	})
}

func cmdMigrate(ctx context.Context, args []string, env func(string) string, out io.Writer) error {
	cfg := config.Defaults()
	fs := flags("migrate", &cfg, env, out)
	fs.Usage = func() {
		fmt.Fprintln(out, "Usage: healthsynx migrate [up|status] [flags]")
		fs.PrintDefaults()
	}
	sub := "up"
	if len(args) > 0 && (args[0] == "up" || args[0] == "status") {
		sub, args = args[0], args[1:]
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{msg: fmt.Sprintf("unknown migrate action %q (use up or status)", fs.Arg(0))}
	}
	if err := cfg.Finish(); err != nil {
		return err
	}
	setupLogging(cfg.LogLevel)
	a, err := app.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if sub == "status" {
		return printStatus(ctx, a, out)
	}
	n, err := a.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "applied %d migrations\n", n)
	return nil
}

func printStatus(ctx context.Context, a *app.App, out io.Writer) error {
	st, err := a.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tNAME\tAPPLIED")
	for _, s := range st {
		at := "pending"
		if s.AppliedAt != nil {
			at = s.AppliedAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%04d\t%s\t%s\n", s.Version, s.Name, at)
	}
	return tw.Flush()
}

func cmdDemo(ctx context.Context, args []string, env func(string) string, out io.Writer) error {
	cfg := config.Defaults()
	fs := flags("demo", &cfg, env, out)
	patients := fs.Int("patients", 0, "also generate a synthetic hospital with this many patients (again: adds as many more)")
	seed := fs.Uint64("seed", 1, "chooses the synthetic hospital: the same seed on the same database, in the same hour, generates the same one")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *patients < 0 {
		return usageError{msg: "--patients must not be negative"}
	}
	a, err := open(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer a.Close()
	return demo.Load(ctx, a, demo.Options{Patients: *patients, Seed: *seed})
}

func cmdBackup(ctx context.Context, args []string, env func(string) string, out io.Writer) error {
	cfg := config.Defaults()
	fs := flags("backup", &cfg, env, out)
	dest := fs.String("out", "", "file to write the copy to (default: DATA_DIR/backups/healthsynx-<time>.db)")
	if err := parse(fs, args); err != nil {
		return err
	}
	a, err := open(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer a.Close()
	switch a.DB.Engine {
	case db.Postgres:
		fmt.Fprintf(out, "PostgreSQL: back up with pg_dump, which takes a consistent snapshot while HealthSynx serves:\n  pg_dump --format=custom --file=healthsynx.dump '%s'\n", a.DB.Redacted())
		return nil
	case db.MySQL:
		fmt.Fprintf(out, "MySQL/MariaDB: back up with mysqldump in one consistent transaction while HealthSynx serves:\n  mysqldump --single-transaction --routines --host=… --user=… <database> > healthsynx.sql\n(database URL: %s)\n", a.DB.Redacted())
		return nil
	}
	path := *dest
	if path == "" {
		path = filepath.Join(cfg.DataDir, "backups", "healthsynx-"+time.Now().UTC().Format("20060102T150405Z")+".db")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists; choose another --out", path)
	}
	// VACUUM INTO writes a consistent, compacted copy without stopping writers for long.
	if _, err := a.DB.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("backup failed: %v", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return err
	}
	fmt.Fprintf(out, "backup written to %s\n", path)
	return nil
}
