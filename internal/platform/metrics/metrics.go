// Package metrics exposes Prometheus metrics: request counts and latencies by route and
// status, and the database pool's statistics.
package metrics

import (
	"crypto/subtle"
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"healthsynx/internal/platform/web"
)

// Metrics is one process's registry.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// New creates the registry with the Go runtime, process and database pool collectors.
func New(db *sql.DB) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "healthsynx_http_requests_total",
			Help: "HTTP requests served, by route, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "healthsynx_http_request_duration_seconds",
			Help:    "HTTP request latency, by route.",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.latency,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(db, "main"))
	return m
}

// Observe records one request (web.Options.Observe).
func (m *Metrics) Observe(route, method string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

// Handler serves the metrics to loopback clients, and to others only with the
// configured bearer token.
func (m *Metrics) Handler(token string) http.HandlerFunc {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return func(w http.ResponseWriter, r *http.Request) {
		// A request relayed by a proxy on this machine is not a local one.
		if !web.IsLoopback(r) || r.Header.Get("X-Forwarded-For") != "" {
			got := r.Header.Get("Authorization")
			if token == "" || subtle.ConstantTimeCompare([]byte(got), []byte("Bearer "+token)) != 1 {
				web.Detail(w, http.StatusForbidden, web.MsgForbidden)
				return
			}
		}
		h.ServeHTTP(w, r)
	}
}
