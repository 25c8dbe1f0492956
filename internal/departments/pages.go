package departments

import (
	"embed"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
	ui "healthsynx/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

// Templates are the module's page templates, for web.NewSite.
func Templates() fs.FS { return ui.ModuleTemplates(templateFS) }

// pages serves the department pages through the same service as the API.
type pages struct {
	svc  *Service
	site *ui.Site
}

// PageRoutes registers the department pages: the list for all staff, and the
// forms and the delete confirmation for those who may change departments.
func (s *Service) PageRoutes(rt *web.Router, site *ui.Site) {
	pg := &pages{svc: s, site: site}
	page := rt.Page
	page("GET", "/app/departments/", auth.DepartmentsRead, pg.list)
	page("GET", "/app/departments/new/", auth.DepartmentsWrite, pg.newForm)
	page("POST", "/app/departments/new/", auth.DepartmentsWrite, pg.create)
	page("GET", "/app/departments/{id}/edit/", auth.DepartmentsWrite, pg.editForm)
	page("POST", "/app/departments/{id}/edit/", auth.DepartmentsWrite, pg.update)
	page("GET", "/app/departments/{id}/delete/", auth.DepartmentsWrite, pg.confirmDelete)
	page("POST", "/app/departments/{id}/delete/", auth.DepartmentsWrite, pg.delete)
	ui.AddNav("Departments", "/app/departments/", auth.RoleHospitalAdmin)
}

// listPage is what departments_list.html shows.
type listPage struct {
	Rows     []Listed
	Pager    ui.Pager
	CanWrite bool
	// CanSeeMembers links a member count to the list of those accounts.
	CanSeeMembers bool
}

func (pg *pages) list(w http.ResponseWriter, r *http.Request) {
	page, err := web.ParsePage(r)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	rows, n, err := pg.svc.ListWithMembers(r.Context(), &page)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	p := auth.FromContext(r.Context())
	pg.site.Render(w, r, http.StatusOK, "departments_list.html", "Departments", listPage{Rows: rows, Pager: ui.NewPager(r, page, n),
		CanWrite: auth.Allows(p, auth.DepartmentsWrite), CanSeeMembers: auth.Allows(p, auth.UsersRead)})
}

// formPage is what departments_form.html shows: a new department when ID is 0.
type formPage struct {
	ID   int64
	Form *ui.Form
}

var formFields = []string{"name", "description"}

func (pg *pages) newForm(w http.ResponseWriter, r *http.Request) {
	pg.site.Render(w, r, http.StatusOK, "departments_form.html", "New department", formPage{Form: &ui.Form{}})
}

func (pg *pages) create(w http.ResponseWriter, r *http.Request) {
	if !pg.site.ParseForm(w, r) {
		return
	}
	d, err := pg.svc.Create(r.Context(), formInput(r))
	if form, invalid := ui.InvalidForm(r.PostForm, err, formFields...); invalid {
		pg.site.Render(w, r, http.StatusUnprocessableEntity, "departments_form.html", "New department", formPage{Form: form})
		return
	}
	pg.done(w, r, err, "Department "+d.Name+" created.")
}

func (pg *pages) editForm(w http.ResponseWriter, r *http.Request) {
	d, ok := pg.department(w, r)
	if !ok {
		return
	}
	form := &ui.Form{Values: url.Values{"name": {d.Name}, "description": {d.Description}}}
	pg.site.Render(w, r, http.StatusOK, "departments_form.html", "Edit "+d.Name, formPage{ID: d.ID, Form: form})
}

func (pg *pages) update(w http.ResponseWriter, r *http.Request) {
	cur, ok := pg.department(w, r)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	d, err := pg.svc.Update(r.Context(), cur.ID, formInput(r), true)
	if form, invalid := ui.InvalidForm(r.PostForm, err, formFields...); invalid {
		pg.site.Render(w, r, http.StatusUnprocessableEntity, "departments_form.html", "Edit "+cur.Name, formPage{ID: cur.ID, Form: form})
		return
	}
	pg.done(w, r, err, "Department "+d.Name+" saved.")
}

func (pg *pages) confirmDelete(w http.ResponseWriter, r *http.Request) {
	d, ok := pg.department(w, r)
	if !ok {
		return
	}
	n, err := pg.svc.Members(r.Context(), d.ID)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	msg := "No active staff belong to it."
	switch {
	case n == 1:
		msg = "Its 1 member keeps their account and will have no department until you assign one."
	case n > 1:
		msg = "Its " + strconv.Itoa(n) + " members keep their accounts and will have no department until you assign them one."
	}
	pg.site.Render(w, r, http.StatusOK, "confirm.html", "Delete "+d.Name, ui.Confirm{
		Heading: "Delete the department " + d.Name + "?", Message: msg + " This cannot be undone.",
		Action: deleteURL(d.ID), Submit: "Delete department", Cancel: "/app/departments/", Danger: true,
	})
}

func (pg *pages) delete(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return
	}
	d, err := pg.svc.Delete(r.Context(), id)
	pg.done(w, r, err, "Department "+d.Name+" deleted.")
}

// done ends a successful change with msg on the list, or shows the error page.
func (pg *pages) done(w http.ResponseWriter, r *http.Request, err error, msg string) {
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, msg)
	http.Redirect(w, r, "/app/departments/", http.StatusSeeOther)
}

// department loads the department of the page's path, or renders the 404 page.
func (pg *pages) department(w http.ResponseWriter, r *http.Request) (Department, bool) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return Department{}, false
	}
	d, err := pg.svc.Get(r.Context(), id)
	if err != nil {
		pg.site.Error(w, r, err)
		return d, false
	}
	return d, true
}

// formInput reads the department form; a field the form did not send stays as it is.
func formInput(r *http.Request) Input {
	return Input{Name: ui.Posted(r, "name"), Description: ui.Posted(r, "description")}
}

func deleteURL(id int64) string { return "/app/departments/" + strconv.FormatInt(id, 10) + "/delete/" }
