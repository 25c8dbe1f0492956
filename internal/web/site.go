// Package web is the server-rendered user interface: the layout every page shares, the
// static assets, the error pages and the navigation per role. Modules render their pages
// through Site.Render and build them from the shared components, so that every screen
// looks and behaves the same:
//
//   - templates/base/components.html: "field" (a labelled control with its hint and its
//     errors, from Form.Field or Form.Select), "form-errors", "empty", "stats", "pager";
//   - the badge func for statuses, and Confirm with the confirm.html page for actions
//     that cannot be undone;
//   - LineChart and BarChart, drawn on the server as inline SVG;
//   - app.js: data-confirm on a form, and data-sse for a part that a Server-Sent Events
//     stream keeps up to date.
//
// Pages carry no inline script or style: the Content-Security-Policy forbids both.
package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	pweb "healthsynx/internal/platform/web"
)

//go:embed templates/*.html templates/base/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Site renders pages in the shared layout.
type Site struct {
	Name string // hospital name, shown in the header
	// TrustProxy believes a proxy's X-Forwarded-Proto when deciding whether the
	// site's cookies need the Secure flag.
	TrustProxy bool
	pages      map[string]*template.Template
	panels     map[auth.Role][]Panel
	// assetVersion busts browser caches when the binary changes.
	assetVersion string
}

// NewSite parses the layout, the shared components and every page template: the
// site's own and those in extra.
func NewSite(name string, extra ...fs.FS) (*Site, error) {
	s := &Site{Name: name, pages: map[string]*template.Template{}, panels: map[auth.Role][]Panel{},
		assetVersion: fmt.Sprintf("%x", time.Now().Unix())}
	base, err := template.New("layout.html").Funcs(s.funcs()).ParseFS(templateFS, "templates/base/*.html")
	if err != nil {
		return nil, err
	}
	add := func(fsys fs.FS, pattern string) error {
		names, err := fs.Glob(fsys, pattern)
		if err != nil {
			return err
		}
		for _, n := range names {
			name := path.Base(n)
			if base.Lookup(name) != nil {
				return fmt.Errorf("page template %s would replace the shared template of that name", name)
			}
			if _, dup := s.pages[name]; dup {
				return fmt.Errorf("page template %s defined twice", name)
			}
			t, err := template.Must(base.Clone()).ParseFS(fsys, n)
			if err != nil {
				return err
			}
			s.pages[name] = t
		}
		return nil
	}
	if err := add(templateFS, "templates/*.html"); err != nil {
		return nil, err
	}
	for _, fsys := range extra {
		if err := add(fsys, "*.html"); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Site) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) string { return "/static/" + name + "?v=" + s.assetVersion },
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2 Jan 2006 15:04")
		},
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2 Jan 2006")
		},
		"roleLabel": RoleLabel,
		"badge":     Badge,
		"empty":     NewEmpty,
	}
}

// Page is what every page template receives.
type Page struct {
	Title     string
	Site      string
	User      *auth.Principal
	Nav       []NavItem
	Path      string
	RequestID string
	CSRF      string
	Flash     string
	Data      any
}

// NavItem is one link of the role's navigation.
type NavItem struct {
	Label, Href string
	Current     bool
}

// Render writes the page template name (e.g. "login.html") inside the layout.
func (s *Site) Render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t, ok := s.pages[name]
	if !ok {
		slog.ErrorContext(r.Context(), "unknown page template", "template", name)
		s.ServerError(w, r)
		return
	}
	p := auth.FromContext(r.Context())
	page := Page{Title: title, Site: s.Name, User: p, Path: r.URL.Path, RequestID: pweb.RequestID(r.Context()), Data: data}
	page.Nav = NavFor(p, r.URL.Path)
	if p != nil {
		page.CSRF = p.CSRFToken
	}
	page.Flash = s.takeFlash(w, r)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", page); err != nil {
		slog.ErrorContext(r.Context(), "render page", "template", name, "err", err, "request_id", page.RequestID)
		if name != "error.html" {
			s.ServerError(w, r)
			return
		}
		http.Error(w, "Server error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// ErrorData is shown by error.html.
type ErrorData struct {
	Status  int
	Heading string
	Message string
}

// NotFound renders the HTML 404 page.
func (s *Site) NotFound(w http.ResponseWriter, r *http.Request) {
	s.Render(w, r, http.StatusNotFound, "error.html", "Page not found", ErrorData{Status: 404, Heading: "Page not found",
		Message: "There is no page at this address. Check the link, or go back to your dashboard."})
}

// Forbidden renders the HTML 403 page.
func (s *Site) Forbidden(w http.ResponseWriter, r *http.Request) {
	s.Render(w, r, http.StatusForbidden, "error.html", "Not allowed", ErrorData{Status: 403, Heading: "Not allowed",
		Message: "Your role does not give access to this page. If you need it, ask a hospital administrator."})
}

// ServerError renders the HTML 500 page; it shows only the request id.
func (s *Site) ServerError(w http.ResponseWriter, r *http.Request) {
	s.Render(w, r, http.StatusInternalServerError, "error.html", "Something went wrong", ErrorData{Status: 500, Heading: "Something went wrong",
		Message: "The server could not complete this request. If it happens again, give this reference to support."})
}

// Error renders the HTML page for a failed request: 404 and 403 as their pages, a
// refusal the user can act on (Invalid, Conflict) with its message, and anything else
// as the 500 page, logged with the request id.
func (s *Site) Error(w http.ResponseWriter, r *http.Request, err error) {
	var e *errs.Error
	errors.As(err, &e)
	switch errs.KindOf(err) {
	case errs.NotFound:
		s.NotFound(w, r)
	case errs.Forbidden:
		s.Forbidden(w, r)
	case errs.Invalid, errs.Conflict:
		msg := e.Message
		if msg == "" {
			msg = "The request could not be carried out as sent. Go back, check it and try again."
		}
		s.Render(w, r, http.StatusBadRequest, "error.html", "Not done", ErrorData{Status: http.StatusBadRequest,
			Heading: "This was not done", Message: msg})
	default:
		slog.ErrorContext(r.Context(), "page request failed", "err", err, "request_id", pweb.RequestID(r.Context()),
			"method", r.Method, "path", r.URL.Path)
		s.ServerError(w, r)
	}
}

// Static serves the embedded assets under /static/.
func (s *Site) Static() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fileServer := http.FileServer(http.FS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		http.StripPrefix("/static/", fileServer).ServeHTTP(w, r)
	})
}

// RoleLabel is the human name of a role.
func RoleLabel(r auth.Role) string {
	switch r {
	case auth.RoleAdmin:
		return "Administrator"
	case auth.RoleHospitalAdmin:
		return "Hospital administrator"
	case auth.RoleDoctor:
		return "Doctor"
	case auth.RoleNurse:
		return "Nurse"
	case auth.RolePharmacist:
		return "Pharmacist"
	case auth.RoleBilling:
		return "Billing officer"
	case auth.RoleLabTech:
		return "Lab technician"
	case auth.RoleImagingTech:
		return "Imaging technician"
	case auth.RolePatient:
		return "Patient"
	}
	return string(r)
}

// ModuleTemplates is a module's page templates for NewSite: the "templates" folder of
// its embedded files.
func ModuleTemplates(fsys fs.FS) fs.FS {
	sub, err := fs.Sub(fsys, "templates")
	if err != nil {
		panic(err) // "templates" is a valid name: fs.Sub cannot fail on it
	}
	return sub
}
