package identity

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"strconv"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
	ui "healthsynx/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

// Templates are the module's page templates, for web.NewSite.
func Templates() fs.FS { return ui.ModuleTemplates(templateFS) }

// pages serves the module's HTML pages. The handlers call the same service methods
// as the JSON API, so the pages enforce the same rules.
type pages struct {
	svc  *Service
	site *ui.Site
	// signInOrigin checks the sign-in form, which is posted before a session (and
	// so a CSRF token) exists.
	signInOrigin *http.CrossOriginProtection
}

// PageRoutes registers the module's pages: sign-in and sign-out, the user's own
// profile and password, account administration, and the hospital figures on the
// dashboards of administrators.
func (s *Service) PageRoutes(rt *web.Router, site *ui.Site) {
	pg := &pages{svc: s, site: site, signInOrigin: http.NewCrossOriginProtection()}
	page := rt.Page
	page("POST", "/login/", auth.Public, pg.signIn)
	page("POST", "/logout/", auth.Authenticated, pg.signOut)

	page("GET", "/app/profile/", auth.Authenticated, pg.profile)
	page("POST", "/app/profile/", auth.Authenticated, pg.saveProfile)
	page("GET", "/app/password/", auth.Authenticated, pg.passwordForm)
	page("POST", "/app/password/", auth.Authenticated, pg.changePassword)

	page("GET", "/app/users/", auth.UsersRead, pg.users)
	page("GET", "/app/users/new/", auth.UsersWrite, pg.newUser)
	page("POST", "/app/users/new/", auth.UsersWrite, pg.createUser)
	page("GET", "/app/users/{id}/", auth.UsersRead, pg.user)
	page("POST", "/app/users/{id}/", auth.UsersWrite, pg.updateUser)
	page("GET", "/app/users/{id}/deactivate/", auth.UsersWrite, pg.confirmDeactivate)
	page("POST", "/app/users/{id}/deactivate/", auth.UsersWrite, pg.setActive(false))
	page("POST", "/app/users/{id}/activate/", auth.UsersWrite, pg.setActive(true))
	page("GET", "/app/users/{id}/password/", auth.UsersWrite, pg.resetForm)
	page("POST", "/app/users/{id}/password/", auth.UsersWrite, pg.resetPassword)

	ui.AddNav("Users", "/app/users/", auth.RoleHospitalAdmin)
	panel := ui.Panel{Template: "identity_dashboard.html", Load: pg.dashboardPanel}
	if err := site.AddPanel(panel, auth.RoleAdmin, auth.RoleHospitalAdmin); err != nil {
		panic(err) // the template is embedded: a missing one is a build defect
	}
}

// departmentChoices lists the departments for a select box.
func (pg *pages) departmentChoices(ctx context.Context) ([]ui.Choice, error) {
	refs, err := pg.svc.departments(ctx)
	out := make([]ui.Choice, len(refs))
	for i, d := range refs {
		out[i] = ui.Choice{Value: strconv.FormatInt(d.ID, 10), Label: d.Name}
	}
	return out, err
}
