package app

import (
	"net/http"

	site "healthsynx/internal/web"
)

// pageRoutes wires the web UI shell and the HTML error pages.
func (a *App) pageRoutes() {
	s, err := site.NewSite(a.Config.HospitalName)
	if err != nil {
		panic(err) // the templates are embedded: a parse error is a build defect
	}
	a.Site = s
	s.Routes(a.Router)
	a.Router.NotFoundPage = s.NotFound
	a.Router.ForbiddenPage = s.Forbidden
}

func (a *App) serverErrorPage(w http.ResponseWriter, r *http.Request) { a.Site.ServerError(w, r) }
