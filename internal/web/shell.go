package web

import (
	"net/http"
	"net/url"
	"strings"

	"healthsynx/internal/platform/auth"
	pweb "healthsynx/internal/platform/web"
)

// LoginForm is what login.html shows.
type LoginForm struct {
	Next     string
	Username string
	Error    string
}

// Routes registers the shell: the start page, the login page, the dashboard and the
// static assets. Sign-in itself (POST /login/) belongs to the identity module.
func (s *Site) Routes(rt *pweb.Router) {
	rt.Handle(pweb.Route{Method: "GET", Path: "/", Perm: auth.Public, Page: true, Handler: s.start})
	rt.Handle(pweb.Route{Method: "GET", Path: "/login/", Perm: auth.Public, Page: true, Handler: s.loginPage})
	rt.Handle(pweb.Route{Method: "GET", Path: "/app/", Perm: auth.Authenticated, Page: true, Handler: s.dashboard})
	rt.Handle(pweb.Route{Method: "GET", Path: "/static/{file...}", Perm: auth.Public, Page: true, Handler: s.Static().ServeHTTP})
}

// start sends a visitor to the login page, or a signed-in user to their dashboard.
func (s *Site) start(w http.ResponseWriter, r *http.Request) {
	if auth.FromContext(r.Context()) != nil {
		http.Redirect(w, r, "/app/", http.StatusFound)
		return
	}
	http.Redirect(w, r, "/login/", http.StatusFound)
}

func (s *Site) loginPage(w http.ResponseWriter, r *http.Request) {
	if auth.FromContext(r.Context()) != nil {
		http.Redirect(w, r, SafeNext(r.URL.Query().Get("next")), http.StatusFound)
		return
	}
	s.Render(w, r, http.StatusOK, "login.html", "Sign in", LoginForm{Next: SafeNext(r.URL.Query().Get("next"))})
}

// SafeNext keeps a post-login redirect on this site: only a local absolute path is
// accepted; anything else goes to the dashboard.
func SafeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, `\`) {
		return "/app/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return "/app/"
	}
	return next
}
