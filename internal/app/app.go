// Package app is the composition root: it opens the database, builds every module and
// wires them into one HTTP handler. It is the only package that knows every module.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"healthsynx/internal/audit"
	"healthsynx/internal/billing"
	"healthsynx/internal/config"
	"healthsynx/internal/consult"
	"healthsynx/internal/departments"
	"healthsynx/internal/identity"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/live"
	"healthsynx/internal/platform/metrics"
	"healthsynx/internal/platform/openapi"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/queue"
	"healthsynx/internal/vitals"
	site "healthsynx/internal/web"
	"healthsynx/migrations"
)

// App is a running HealthSynx: its database, modules and router.
type App struct {
	Config  config.Config
	DB      *db.DB
	Router  *web.Router
	Metrics *metrics.Metrics
	Live    *live.Hub

	Site *site.Site

	Audit       *audit.Log
	Identity    *identity.Service
	Departments *departments.Service
	Billing     *billing.Service
	Patients    *patients.Service
	Vitals      *vitals.Service
	Queue       *queue.Service
	Consult     *consult.Service

	handler http.Handler
}

// Open connects to the configured database and checks that its schema is current.
// It does not migrate: call Migrate first where that is wanted (serve, migrate, demo).
func Open(ctx context.Context, cfg config.Config) (*App, error) {
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.DBWait)
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, DB: d}
	a.build()
	return a, nil
}

// Close ends the live streams, flushes the queued audit events, then releases the
// database.
func (a *App) Close() error {
	a.Live.Close()
	a.Audit.Close()
	return a.DB.Close()
}

// Migrate applies pending migrations and reports how many ran.
func (a *App) Migrate(ctx context.Context) (int, error) {
	migs, err := migrations.All()
	if err != nil {
		return 0, err
	}
	return a.DB.Migrate(ctx, migs)
}

// CheckSchema fails unless every migration is applied (and none is unknown).
func (a *App) CheckSchema(ctx context.Context) error {
	migs, err := migrations.All()
	if err != nil {
		return err
	}
	n, err := a.DB.Pending(ctx, migs)
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%d migrations are pending; run `healthsynx migrate up`", n)
	}
	return nil
}

func (a *App) build() {
	a.Metrics = metrics.New(a.DB.DB)
	a.Router = web.NewRouter()
	a.Live = live.New(a.DB.Pool, live.Options{})
	a.Audit = audit.New(a.DB, a.Config.TrustProxy)
	a.Identity = &identity.Service{DB: a.DB, Audit: a.Audit, TrustProxy: a.Config.TrustProxy,
		Tokens: identity.NewTokens(a.Config.SecretKey, a.Config.AccessTTL, a.Config.RefreshTTL)}
	a.Departments = &departments.Service{DB: a.DB}
	a.Patients = &patients.Service{DB: a.DB, Identity: a.Identity, Audit: a.Audit, Location: a.Config.Location()}
	a.Identity.AccountChanged = a.Patients.RefreshKeys
	a.Billing = &billing.Service{DB: a.DB, Audit: a.Audit, Patients: a.Patients, Departments: a.Departments,
		Currency: a.Config.Currency, Hospital: a.Config.HospitalName, Location: a.Config.Location()}
	a.clinical()
	// The bills come after the clinical sections of the patient page.
	a.Patients.AddSection(a.Billing.PatientSection())

	a.Router.Auth = a.Identity
	a.Router.Guards = append(a.Router.Guards, identity.CSRFGuard())

	a.opsRoutes()
	a.liveRoutes()
	a.Identity.Routes(a.Router)
	a.Audit.Routes(a.Router)
	a.Departments.Routes(a.Router)
	a.Patients.Routes(a.Router)
	a.Billing.Routes(a.Router)
	a.Vitals.Routes(a.Router)
	a.Queue.Routes(a.Router)
	a.Consult.Routes(a.Router)
	a.pageRoutes()
	openapi.Routes(a.Router, openapi.Info{Title: "HealthSynx API", Version: "1.0",
		Description: "The HealthSynx hospital management API. Each operation names the permission it needs."})

	a.handler = web.Chain(a.Router, web.Options{
		TrustProxy:  a.Config.TrustProxy,
		Observe:     a.Metrics.Observe,
		ServerError: a.serverErrorPage,
	})
}

// Handler is the whole HTTP application, middleware included.
func (a *App) Handler() http.Handler { return a.handler }

func (a *App) opsRoutes() {
	rt := a.Router
	rt.Handle(web.Route{Method: "GET", Path: "/healthz", Perm: auth.Public, Tag: "operations",
		Summary: "Liveness: the process answers", Response: Status{},
		Handler: func(w http.ResponseWriter, r *http.Request) { web.JSON(w, http.StatusOK, Status{Status: "ok"}) }})
	rt.Handle(web.Route{Method: "GET", Path: "/readyz", Perm: auth.Public, Tag: "operations",
		Summary: "Readiness: the database answers and its schema is current", Response: Status{},
		Handler: a.readyz})
	rt.Handle(web.Route{Method: "GET", Path: "/metrics", Perm: auth.Public, Tag: "operations",
		Summary: "Prometheus metrics (loopback, or with the metrics token)", Produces: "text/plain",
		Handler: a.Metrics.Handler(a.Config.MetricsToken)})
}

// Status is the body of the health endpoints.
type Status struct {
	Status string `json:"status"`
	Detail string `json:"detail,omitempty"`
}

func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.DB.PingContext(ctx); err != nil {
		slog.WarnContext(ctx, "readyz: database unreachable", "err", err)
		web.JSON(w, http.StatusServiceUnavailable, Status{Status: "unavailable", Detail: "database unreachable"})
		return
	}
	if err := a.CheckSchema(ctx); err != nil {
		slog.WarnContext(ctx, "readyz: schema not current", "err", err)
		web.JSON(w, http.StatusServiceUnavailable, Status{Status: "unavailable", Detail: "database schema is not current"})
		return
	}
	web.JSON(w, http.StatusOK, Status{Status: "ok"})
}

// Serve listens on the configured address until ctx is cancelled, then lets in-flight
// requests finish (up to 20 seconds) before returning.
func (a *App) Serve(ctx context.Context, ready func(addr string)) error {
	a.Audit.Start(ctx)
	a.Live.Start(ctx)
	ln, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v", a.Config.Addr, errors.Unwrap(err))
	}
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      0, // SSE streams stay open; handlers bound their own work
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(slog.Default().Handler(), slog.LevelWarn),
	}
	// Ending the streams lets Shutdown finish instead of waiting for them to time out.
	srv.RegisterOnShutdown(a.Live.Close)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down: waiting for in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// MigrationStatus lists every known migration and when it was applied.
func (a *App) MigrationStatus(ctx context.Context) ([]db.MigrationStatus, error) {
	migs, err := migrations.All()
	if err != nil {
		return nil, err
	}
	return a.DB.MigrationStatus(ctx, migs)
}
