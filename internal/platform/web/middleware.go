package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// reqInfo travels with each request; the route wrapper fills in what it learns.
type reqInfo struct {
	id      string
	route   string // the matched route pattern, for logs and metrics
	page    bool   // the matched route is an HTML page
	userID  int64
	started time.Time
}

type infoKey struct{}

func info(ctx context.Context) *reqInfo {
	ri, _ := ctx.Value(infoKey{}).(*reqInfo)
	return ri
}

// RequestID returns the id of the request being served ("" outside a request).
func RequestID(ctx context.Context) string {
	if ri := info(ctx); ri != nil {
		return ri.id
	}
	return ""
}

// RouteOf returns the pattern of the route serving the request, once matched.
func RouteOf(ctx context.Context) string {
	if ri := info(ctx); ri != nil {
		return ri.route
	}
	return ""
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// statusRecorder remembers the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	size   int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.size += n
	return n, err
}

// Unwrap lets http.ResponseController reach Flush on the real writer (for SSE).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Options tune the middleware chain.
type Options struct {
	// TrustProxy trusts X-Forwarded-For and X-Forwarded-Proto from the peer.
	TrustProxy bool
	// Observe is called once per request with its route, status and duration (metrics).
	Observe func(route, method string, status int, d time.Duration)
	// ServerError renders a 500 for a panicking page request (the HTML error page).
	ServerError func(w http.ResponseWriter, r *http.Request)
}

// Chain wraps h with the platform middleware, outermost first: request id, access log and
// metrics, panic recovery, security headers.
func Chain(h http.Handler, o Options) http.Handler {
	h = securityHeaders(h, o)
	h = recoverer(h, o)
	return entry(h, o)
}

func entry(next http.Handler, o Options) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ri := &reqInfo{id: newRequestID(), started: time.Now()}
		if in := r.Header.Get("X-Request-Id"); validRequestID(in) {
			ri.id = in
		}
		w.Header().Set("X-Request-Id", ri.id)
		rec := &statusRecorder{ResponseWriter: w}
		ctx := context.WithValue(r.Context(), infoKey{}, ri)
		next.ServeHTTP(rec, r.WithContext(ctx))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		d := time.Since(ri.started)
		route := ri.route
		if route == "" {
			route = "unmatched"
		}
		if o.Observe != nil {
			o.Observe(route, r.Method, rec.status, d)
		}
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		slog.LogAttrs(ctx, level, "request",
			slog.String("request_id", ri.id),
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.String("route", route),
			slog.Int("status", rec.status),
			slog.Int("bytes", rec.size),
			slog.Float64("ms", float64(d.Microseconds())/1000),
			slog.String("remote", ClientIP(r, o.TrustProxy)),
			slog.Int64("user_id", ri.userID),
		)
	})
}

// validRequestID accepts a client's id only if it is short and plain, so that it cannot
// forge log lines.
func validRequestID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func recoverer(next http.Handler, o Options) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			slog.ErrorContext(r.Context(), "panic", "request_id", RequestID(r.Context()), "panic", p, "stack", string(debug.Stack()))
			if ri := info(r.Context()); ri != nil && ri.page && o.ServerError != nil {
				o.ServerError(w, r)
				return
			}
			JSON(w, http.StatusInternalServerError, map[string]string{"detail": MsgServerError, "request_id": RequestID(r.Context())})
		}()
		next.ServeHTTP(w, r)
	})
}

// ContentSecurityPolicy allows only the application's own scripts, styles and images:
// no inline script anywhere.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(next http.Handler, o Options) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if IsTLS(r, o.TrustProxy) {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// IsTLS reports whether the client reached us over TLS, directly or through a trusted proxy.
func IsTLS(r *http.Request, trustProxy bool) bool {
	if r.TLS != nil {
		return true
	}
	return trustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// ClientIP is the caller's address: the peer, or the first X-Forwarded-For hop when the
// peer is a trusted proxy.
func ClientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if fwd := r.Header.Get("X-Forwarded-For"); fwd != "" {
			first, _, _ := strings.Cut(fwd, ",")
			if ip := net.ParseIP(strings.TrimSpace(first)); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// IsLoopback reports whether the direct peer is on this machine.
func IsLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
