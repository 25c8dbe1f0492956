package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
)

// Route is one endpoint or page. A route cannot be registered without a permission, and
// the same description feeds the router, the policy check and the OpenAPI document.
type Route struct {
	Method  string // GET, POST, PUT, PATCH, DELETE
	Path    string // with trailing slash, e.g. "/departments/{id}/"
	Perm    auth.Perm
	Handler http.HandlerFunc

	// Page marks an HTML page: left out of the API spec; an anonymous visitor is sent to
	// the login page instead of getting a 401.
	Page bool
	// MaxBody overrides the request body limit (bytes) for uploads.
	MaxBody int64

	// API documentation.
	Summary     string
	Description string
	Tag         string
	Request     any     // a value of the request body type
	Response    any     // a value of the success body type
	Status      int     // success status; 200 when zero
	List        bool    // the response is the page envelope around []Response
	Cursor      bool    // the list also accepts ?cursor= (keyset paging)
	Query       []Param // query parameters
	Produces    string  // content type of a non-JSON success response
}

// Param documents a query parameter.
type Param struct {
	Name        string
	Type        string // "string", "integer", "boolean"
	Description string
}

// Authenticator turns request credentials into a principal. It returns nil, nil for a
// request that carries none, and an errs.Unauthenticated error for bad ones.
type Authenticator interface {
	Authenticate(r *http.Request) (*auth.Principal, error)
}

// Router serves routes registered with Handle and answers everything else as the
// original API did: a 308 to the slashed path, a 405 with Allow, or a 404.
type Router struct {
	mux    *http.ServeMux
	routes []Route
	seen   map[string]bool

	Auth Authenticator
	// LoginPath is where an anonymous page visitor is sent.
	LoginPath string
	// NotFoundPage, ForbiddenPage render HTML errors for browsers; nil means JSON always.
	NotFoundPage  func(w http.ResponseWriter, r *http.Request)
	ForbiddenPage func(w http.ResponseWriter, r *http.Request)
	// Guards run, in order, after the policy check on every non-public route with a
	// signed-in caller; the first error stops the request (CSRF for cookie sessions).
	Guards []func(r *http.Request, p *auth.Principal) error
}

// NewRouter returns an empty router.
func NewRouter() *Router {
	return &Router{mux: http.NewServeMux(), seen: map[string]bool{}, LoginPath: "/login/"}
}

// Handle registers a route. It panics on a route without a known permission, a path
// without its trailing slash, or a duplicate: these are programming errors.
func (rt *Router) Handle(r Route) {
	if r.Perm == "" || !auth.Known(r.Perm) {
		panic(fmt.Sprintf("route %s %s: permission %q is not in the policy", r.Method, r.Path, r.Perm))
	}
	if r.Handler == nil {
		panic(fmt.Sprintf("route %s %s has no handler", r.Method, r.Path))
	}
	if !strings.HasPrefix(r.Path, "/") {
		panic(fmt.Sprintf("route path %q must start with /", r.Path))
	}
	// A path ending in a slash matches exactly that path ({$}); API paths keep the
	// original's trailing slash. Paths without one (/healthz, /swagger.json) and wildcard
	// tails (/static/{file...}) are matched as written.
	pattern := r.Path
	if strings.HasSuffix(r.Path, "/") {
		pattern += "{$}"
	}
	key := r.Method + " " + r.Path
	if rt.seen[key] {
		panic("duplicate route " + key)
	}
	rt.seen[key] = true
	rt.routes = append(rt.routes, r)
	rt.mux.Handle(r.Method+" "+pattern, rt.wrap(r))
}

// Routes returns the registered routes sorted by path and method.
func (rt *Router) Routes() []Route {
	out := append([]Route(nil), rt.routes...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// routeHandler marks the handlers the router made, to tell them from the ServeMux's own
// redirects.
type routeHandler func(http.ResponseWriter, *http.Request)

func (h routeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h(w, r) }

func (rt *Router) wrap(route Route) http.Handler {
	limit := route.MaxBody
	if limit == 0 {
		limit = maxJSONBody
	}
	name := route.Method + " " + route.Path
	return routeHandler(func(w http.ResponseWriter, r *http.Request) {
		ri := info(r.Context())
		if ri != nil {
			ri.route = name
			ri.page = route.Page
		}
		var p *auth.Principal
		if rt.Auth != nil {
			var err error
			p, err = rt.Auth.Authenticate(r)
			if err != nil && route.Perm != auth.Public {
				rt.deny(w, r, route, nil, err)
				return
			}
		}
		if !auth.Allows(p, route.Perm) {
			rt.deny(w, r, route, p, nil)
			return
		}
		if p != nil {
			if ri != nil {
				ri.userID = p.UserID
			}
			r = r.WithContext(auth.WithPrincipal(r.Context(), p))
		}
		// Guards protect what a request does with the caller's authority; a public route
		// (signing in, say) acts with none, so a stale session cookie must not block it.
		if p != nil && route.Perm != auth.Public {
			for _, g := range rt.Guards {
				if err := g(r, p); err != nil {
					rt.deny(w, r, route, p, err)
					return
				}
			}
		}
		if r.Body != nil && r.ContentLength != 0 {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		route.Handler(w, r)
	})
}

// deny answers an anonymous caller with 401 (a page visitor with a redirect to the login
// page) and a signed-in one with 403.
func (rt *Router) deny(w http.ResponseWriter, r *http.Request, route Route, p *auth.Principal, err error) {
	if p == nil {
		if route.Page {
			http.Redirect(w, r, rt.LoginPath+"?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if err == nil {
			err = errs.E(errs.Unauthenticated, MsgNotAuthenticated)
		}
		Error(w, r, err)
		return
	}
	if err == nil {
		err = errs.E(errs.Forbidden, MsgForbidden)
	}
	if route.Page && rt.ForbiddenPage != nil && errs.KindOf(err) == errs.Forbidden {
		rt.ForbiddenPage(w, r)
		return
	}
	Error(w, r, err)
}

var methods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// ServeHTTP dispatches to the matching route.
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, pattern := rt.mux.Handler(r)
	if _, ours := h.(routeHandler); ours {
		rt.mux.ServeHTTP(w, r) // the mux, not h: it sets the path values
		return
	}
	// The original requires the trailing slash; send the client to the slashed path,
	// keeping the method and body (308).
	if !strings.HasSuffix(r.URL.Path, "/") {
		slashed := r.Clone(r.Context())
		slashed.URL.Path += "/"
		slashed.URL.RawPath = ""
		if h, _ := rt.mux.Handler(slashed); isRoute(h) || len(rt.allowed(slashed)) > 0 {
			target := slashed.URL.Path
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusPermanentRedirect)
			return
		}
	}
	if pattern != "" {
		// the ServeMux's own redirect to a cleaned path (// or ..)
		h.ServeHTTP(w, r)
		return
	}
	if allow := rt.allowed(r); len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		Detail(w, http.StatusMethodNotAllowed, fmt.Sprintf("Method \"%s\" not allowed.", r.Method))
		return
	}
	rt.NotFound(w, r)
}

// allowed lists the methods that have a route at r's path.
func (rt *Router) allowed(r *http.Request) []string {
	var out []string
	for _, m := range methods {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if h, _ := rt.mux.Handler(probe); isRoute(h) {
			out = append(out, m)
		}
	}
	return out
}

func isRoute(h http.Handler) bool {
	_, ok := h.(routeHandler)
	return ok
}

// NotFound answers 404: an HTML page to a browser, JSON to everyone else.
func (rt *Router) NotFound(w http.ResponseWriter, r *http.Request) {
	if rt.NotFoundPage != nil && WantsHTML(r) {
		rt.NotFoundPage(w, r)
		return
	}
	Detail(w, http.StatusNotFound, MsgNotFound)
}

// WantsHTML reports a browser navigation: HTML is accepted ahead of JSON.
func WantsHTML(r *http.Request) bool {
	accept := r.Header.Get("Accept")
	h := strings.Index(accept, "text/html")
	if h < 0 {
		return false
	}
	j := strings.Index(accept, "application/json")
	return j < 0 || h < j
}

// Page registers an HTML page: a route with no API documentation, whose anonymous
// visitors are sent to the login page.
func (rt *Router) Page(method, path string, perm auth.Perm, h http.HandlerFunc) {
	rt.Handle(Route{Method: method, Path: path, Perm: perm, Page: true, Handler: h})
}
