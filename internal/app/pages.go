package app

import (
	"net/http"

	"healthsynx/internal/billing"
	"healthsynx/internal/consult"
	"healthsynx/internal/departments"
	"healthsynx/internal/identity"
	"healthsynx/internal/patients"
	"healthsynx/internal/queue"
	"healthsynx/internal/vitals"
	site "healthsynx/internal/web"
)

// pageRoutes wires the web UI: the shell, each module's pages (whose templates the
// site parses with its own), and the HTML error pages.
func (a *App) pageRoutes() {
	s, err := site.NewSite(a.Config.HospitalName, identity.Templates(), departments.Templates(), patients.Templates(),
		billing.Templates(), vitals.Templates(), queue.Templates(), consult.Templates())
	if err != nil {
		panic(err) // the templates are embedded: a parse error is a build defect
	}
	s.TrustProxy = a.Config.TrustProxy
	a.Site = s
	s.Routes(a.Router)
	a.Identity.PageRoutes(a.Router, s)
	a.Departments.PageRoutes(a.Router, s)
	a.Patients.PageRoutes(a.Router, s)
	a.clinicalPages(s)
	a.Billing.PageRoutes(a.Router, s)
	a.Router.NotFoundPage = s.NotFound
	a.Router.ForbiddenPage = s.Forbidden
}

func (a *App) serverErrorPage(w http.ResponseWriter, r *http.Request) { a.Site.ServerError(w, r) }
