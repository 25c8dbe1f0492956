package patients

import (
	"embed"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
	ui "healthsynx/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

// Templates are the module's page templates, for web.NewSite.
func Templates() fs.FS { return ui.ModuleTemplates(templateFS) }

// pages serves the patient pages through the same service as the API.
type pages struct {
	svc  *Service
	site *ui.Site
}

// PageRoutes registers the patient pages: the list with its search box, registration,
// the patient page with its edit form and access actions, archiving, and a patient's
// own record.
func (s *Service) PageRoutes(rt *web.Router, site *ui.Site) {
	pg := &pages{svc: s, site: site}
	page := rt.Page
	page("GET", "/app/patients/", auth.PatientsRead, pg.list)
	page("GET", "/app/patients/new/", auth.PatientsWrite, pg.newForm)
	page("POST", "/app/patients/new/", auth.PatientsWrite, pg.create)
	page("GET", "/app/patients/{id}/", auth.PatientsRead, pg.detail)
	page("GET", "/app/patients/{id}/edit/", auth.PatientsWrite, pg.editForm)
	page("POST", "/app/patients/{id}/edit/", auth.PatientsWrite, pg.update)
	page("GET", "/app/patients/{id}/password/", auth.PatientsWrite, pg.passwordForm)
	page("POST", "/app/patients/{id}/password/", auth.PatientsWrite, pg.setPassword)
	page("GET", "/app/patients/{id}/archive/", auth.PatientsArchive, pg.confirmArchive)
	page("POST", "/app/patients/{id}/archive/", auth.PatientsArchive, pg.archive)
	page("POST", "/app/patients/{id}/restore/", auth.PatientsRestore, pg.restore)
	page("GET", "/app/me/", auth.PatientSelf, pg.me)
	ui.AddNav("Patients", "/app/patients/", auth.RoleNurse, auth.RoleHospitalAdmin, auth.RoleDoctor)
	ui.AddNav("My record", "/app/me/", auth.RolePatient)
}

// listPage is what patients_list.html shows.
type listPage struct {
	Search   string
	Archived bool
	Rows     []Patient
	Pager    ui.Pager
	CanAdd   bool
	// CanSeeArchived links to the archived patients (administrators).
	CanSeeArchived bool
}

func (pg *pages) list(w http.ResponseWriter, r *http.Request) {
	page, err := web.ParsePage(r)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	p := auth.FromContext(r.Context())
	f := Filter{Search: strings.TrimSpace(r.URL.Query().Get("search")),
		Archived: r.URL.Query().Get("archived") == "1" && auth.Allows(p, auth.PatientsRestore)}
	rows, n, err := pg.svc.List(r.Context(), f, &page)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	title := "Patients"
	if f.Archived {
		title = "Archived patients"
	}
	pg.site.Render(w, r, http.StatusOK, "patients_list.html", title, listPage{Search: f.Search, Archived: f.Archived,
		Rows: rows, Pager: ui.NewPager(r, page, n), CanAdd: auth.Allows(p, auth.PatientsWrite),
		CanSeeArchived: auth.Allows(p, auth.PatientsRestore)})
}

// formPage is what patients_form.html shows: registration when Patient is nil.
type formPage struct {
	Patient *Patient
	Form    *ui.Form
	Genders []ui.Choice
	Types   []ui.Choice
}

var (
	genderChoices = []ui.Choice{{Value: "female", Label: "Female"}, {Value: "male", Label: "Male"},
		{Value: "other", Label: "Other"}, {Value: "unknown", Label: "Not stated"}}
	typeChoices = []ui.Choice{{Value: Outpatient, Label: "Outpatient"}, {Value: Inpatient, Label: "Inpatient"}}
	// formFields are the inputs of the patient form.
	formFields = []string{"first_name", "last_name", "gender", "dob", "phone", "email", "national_id", "address",
		"next_of_kin_name", "next_of_kin_phone", "next_of_kin_relationship", "patient_type", "username"}
)

func (pg *pages) renderForm(w http.ResponseWriter, r *http.Request, status int, p *Patient, form *ui.Form) {
	title := "Register a patient"
	if p != nil {
		title = "Edit " + p.FullName
	}
	pg.site.Render(w, r, status, "patients_form.html", title, formPage{Patient: p, Form: form, Genders: genderChoices, Types: typeChoices})
}

func (pg *pages) newForm(w http.ResponseWriter, r *http.Request) {
	pg.renderForm(w, r, http.StatusOK, nil, &ui.Form{Values: url.Values{"patient_type": {Outpatient}}})
}

func (pg *pages) create(w http.ResponseWriter, r *http.Request) {
	if !pg.site.ParseForm(w, r) {
		return
	}
	in, err := formInput(r)
	var p Patient
	if err == nil {
		p, err = pg.svc.Register(r.Context(), pg.svc.caller(r), Registration{PatientInput: in})
	}
	if form, invalid := ui.InvalidForm(r.PostForm, err, formFields...); invalid {
		pg.renderForm(w, r, http.StatusUnprocessableEntity, nil, form)
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Registered "+p.FullName+": MRN "+p.MRN+", username "+p.Username+
		". They cannot sign in until a password is set.")
	http.Redirect(w, r, patientURL(p.ID), http.StatusSeeOther)
}

// detailPage is what patients_detail.html shows: a patient's page for staff, or the
// patient's own record (Self).
type detailPage struct {
	Patient                         Patient
	Self                            bool
	Sections                        []shownSection
	CanEdit, CanArchive, CanRestore bool
}

func (pg *pages) detail(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return
	}
	p, err := pg.svc.Get(r.Context(), pg.svc.caller(r), id)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.renderDetail(w, r, p, false)
}

func (pg *pages) me(w http.ResponseWriter, r *http.Request) {
	p, err := pg.svc.Me(r.Context(), pg.svc.caller(r))
	if errs.Is(err, errs.NotFound) {
		// An administrator holds every permission, this page's too, but has no record.
		pg.site.Render(w, r, http.StatusOK, "patients_detail.html", "Your record", detailPage{Self: true})
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.renderDetail(w, r, p, true)
}

func (pg *pages) renderDetail(w http.ResponseWriter, r *http.Request, p Patient, self bool) {
	sections, err := pg.svc.renderSections(r, p)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	viewer := auth.FromContext(r.Context())
	title := p.FullName
	if self {
		title = "Your record"
	}
	pg.site.Render(w, r, http.StatusOK, "patients_detail.html", title, detailPage{Patient: p, Self: self, Sections: sections,
		CanEdit:    !self && !p.Archived && auth.Allows(viewer, auth.PatientsWrite),
		CanArchive: !self && !p.Archived && auth.Allows(viewer, auth.PatientsArchive),
		CanRestore: !self && p.Archived && auth.Allows(viewer, auth.PatientsRestore)})
}

// patient loads the live patient of the page's path, or renders the error page. The
// pages that show only the name and MRN (confirmations, the password form) and the
// posts do not count as a read of the record; the edit form, which shows it all, does.
func (pg *pages) patient(w http.ResponseWriter, r *http.Request, read bool) (Patient, bool) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return Patient{}, false
	}
	p, err := pg.svc.live(r.Context(), id)
	if err == nil && read {
		pg.svc.viewed(pg.svc.caller(r), id)
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return p, false
	}
	return p, true
}

func (pg *pages) editForm(w http.ResponseWriter, r *http.Request) {
	p, ok := pg.patient(w, r, true)
	if !ok {
		return
	}
	pg.renderForm(w, r, http.StatusOK, &p, &ui.Form{Values: formValues(p)})
}

func (pg *pages) update(w http.ResponseWriter, r *http.Request) {
	p, ok := pg.patient(w, r, false)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	in, err := formInput(r)
	if err == nil {
		_, err = pg.svc.Update(r.Context(), pg.svc.caller(r), p.ID, in, true)
	}
	if form, invalid := ui.InvalidForm(r.PostForm, err, formFields...); invalid {
		pg.renderForm(w, r, http.StatusUnprocessableEntity, &p, form)
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Saved the details of "+p.FullName+".")
	http.Redirect(w, r, patientURL(p.ID), http.StatusSeeOther)
}

// formInput reads the patient form; a field the form did not send stays as it is.
func formInput(r *http.Request) (PatientInput, error) {
	in := PatientInput{Username: ui.Posted(r, "username"), FirstName: ui.Posted(r, "first_name"), LastName: ui.Posted(r, "last_name"),
		Gender: ui.Posted(r, "gender"), Phone: ui.Posted(r, "phone"), Email: ui.Posted(r, "email"),
		NationalID: ui.Posted(r, "national_id"), Address: ui.Posted(r, "address"),
		NextOfKinName: ui.Posted(r, "next_of_kin_name"), NextOfKinPhone: ui.Posted(r, "next_of_kin_phone"),
		NextOfKinRelationship: ui.Posted(r, "next_of_kin_relationship"), PatientType: ui.Posted(r, "patient_type")}
	if s := ui.Posted(r, "dob"); s != nil {
		d, err := ParseDOB(*s)
		if err != nil {
			return in, errs.Field("dob", MsgDateFormat)
		}
		in.DOB = d
	}
	return in, nil
}

// formValues fills the patient form from a patient.
func formValues(p Patient) url.Values {
	v := url.Values{"username": {p.Username}, "first_name": {p.FirstName}, "last_name": {p.LastName}, "gender": {p.Gender},
		"phone": {p.Phone}, "email": {p.Email}, "national_id": {p.NationalID}, "address": {p.Address},
		"next_of_kin_name": {p.NextOfKin.Name}, "next_of_kin_phone": {p.NextOfKin.Phone},
		"next_of_kin_relationship": {p.NextOfKin.Relationship}, "patient_type": {p.PatientType}}
	if p.DOB != nil {
		v.Set("dob", p.DOB.Format("2006-01-02"))
	}
	return v
}

func patientURL(id int64) string { return "/app/patients/" + strconv.FormatInt(id, 10) + "/" }
