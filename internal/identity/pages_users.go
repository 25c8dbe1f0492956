package identity

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
	ui "healthsynx/internal/web"
)

// usersPage is what users_list.html shows.
type usersPage struct {
	Filter      *ui.Form
	Filtered    bool
	Rows        []User
	Pager       ui.Pager
	CanAdd      bool
	Roles       []ui.Choice
	Departments []ui.Choice
	Statuses    []ui.Choice
}

// listFilter reads the list's query. Values the select boxes never send (an edited
// address) are ignored rather than refused: the page then lists more, not nothing.
func listFilter(q url.Values) UserFilter {
	f := UserFilter{Search: strings.TrimSpace(q.Get("search"))}
	switch role := auth.Role(q.Get("role")); {
	case role == "staff":
		f.StaffOnly = true
	case role.Valid():
		f.Role = role
	}
	if id, err := strconv.ParseInt(q.Get("department"), 10, 64); err == nil && id > 0 {
		f.Department = id
	}
	switch q.Get("status") {
	case "active", "inactive":
		active := q.Get("status") == "active"
		f.Active = &active
	}
	return f
}

func (pg *pages) users(w http.ResponseWriter, r *http.Request) {
	page, err := web.ParsePage(r)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	filter := listFilter(r.URL.Query())
	rows, n, err := pg.svc.ListUsers(r.Context(), filter, &page)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	depts, err := pg.departmentChoices(r.Context())
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	roles := []ui.Choice{{Value: "staff", Label: "All staff"}}
	for _, role := range auth.Roles {
		roles = append(roles, ui.Choice{Value: string(role), Label: ui.RoleLabel(role)})
	}
	p := auth.FromContext(r.Context())
	pg.site.Render(w, r, http.StatusOK, "users_list.html", "Users", usersPage{
		Filter:   &ui.Form{Values: r.URL.Query()},
		Filtered: filter != (UserFilter{}),
		Rows:     rows, Pager: ui.NewPager(r, page, n), CanAdd: auth.Allows(p, auth.UsersWrite),
		Roles: roles, Departments: depts,
		Statuses: []ui.Choice{{Value: "active", Label: "Active"}, {Value: "inactive", Label: "Deactivated"}},
	})
}

// userPage is what users_form.html shows: the form for a new staff account, or an
// existing account with its form and access actions.
type userPage struct {
	Account     *Account // nil on the form for a new account
	Form        *ui.Form
	CanChange   bool // false for a hospital administrator looking at an administrator
	Self        bool // the viewer's own account, which cannot deactivate itself
	StaffRole   bool // the role and its profile can be set: not for a patient's account
	Roles       []ui.Choice
	Departments []ui.Choice
	Genders     []ui.Choice
}

// accountFields are the inputs of the account form. The doctor's and the nurse's
// profile fields have a fieldset each, so their names carry the role.
var accountFields = []string{"username", "first_name", "last_name", "email", "phone", "gender", "role", "department",
	"password", "doctor_specialization", "doctor_license_number", "years_of_experience",
	"nurse_specialization", "nurse_license_number"}

// roleChoices are the staff roles the viewer may give: only an administrator gives
// the admin role.
func roleChoices(p *auth.Principal) []ui.Choice {
	var out []ui.Choice
	for _, role := range auth.Roles {
		if role == auth.RolePatient || role == auth.RoleAdmin && !p.FullAccess() {
			continue
		}
		out = append(out, ui.Choice{Value: string(role), Label: ui.RoleLabel(role)})
	}
	return out
}

// accountValues fills the account form from an account.
func accountValues(a Account) url.Values {
	v := url.Values{"username": {a.Username}, "first_name": {a.FirstName}, "last_name": {a.LastName}, "email": {a.Email},
		"phone": {a.Phone}, "gender": {a.Gender}, "role": {string(a.Role)}}
	if a.Department != nil {
		v.Set("department", strconv.FormatInt(*a.Department, 10))
	}
	if d := a.Doctor; d != nil {
		v.Set("doctor_specialization", d.Specialization)
		v.Set("doctor_license_number", d.LicenseNumber)
		v.Set("years_of_experience", strconv.Itoa(d.YearsOfExperience))
	}
	if n := a.Nurse; n != nil {
		v.Set("nurse_specialization", n.Specialization)
		v.Set("nurse_license_number", n.LicenseNumber)
	}
	return v
}

// accountInput reads the account form. The profile comes from the fieldset of the
// role chosen; the other fieldset is ignored. The errors are those the form itself
// finds (a department or a number that is not one).
func accountInput(r *http.Request) (AccountInput, errs.Fields) {
	f := errs.Fields{}
	in := AccountInput{Username: ui.Posted(r, "username"), FirstName: ui.Posted(r, "first_name"), LastName: ui.Posted(r, "last_name"),
		Email: ui.Posted(r, "email"), Phone: ui.Posted(r, "phone"), Gender: ui.Posted(r, "gender"), Role: ui.Posted(r, "role"),
		Password: ui.Posted(r, "password")}
	if s := ui.Posted(r, "department"); s != nil {
		var id int64 // none
		if *s != "" {
			var err error
			if id, err = strconv.ParseInt(*s, 10, 64); err != nil || id <= 0 {
				f.Add("department", "Choose a department from the list.")
			}
		}
		in.Department = &id
	}
	switch auth.Role(r.PostForm.Get("role")) {
	case auth.RoleDoctor:
		in.Specialization, in.LicenseNumber = ui.Posted(r, "doctor_specialization"), ui.Posted(r, "doctor_license_number")
		years := 0 // a blank field means no experience yet
		if s := strings.TrimSpace(r.PostForm.Get("years_of_experience")); s != "" {
			var err error
			if years, err = strconv.Atoi(s); err != nil {
				f.Add("years_of_experience", "Enter a whole number.")
			}
		}
		in.YearsOfExperience = &years
	case auth.RoleNurse:
		in.Specialization, in.LicenseNumber = ui.Posted(r, "nurse_specialization"), ui.Posted(r, "nurse_license_number")
	}
	return in, f
}

// profileErrors files the service's profile field errors under the fieldset of the
// role that was chosen.
func profileErrors(err error, role string) error {
	var e *errs.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 || (role != "doctor" && role != "nurse") {
		return err
	}
	out := *e
	out.Fields = map[string][]string{}
	for k, msgs := range e.Fields {
		if k == "specialization" || k == "license_number" {
			k = role + "_" + k
		}
		out.Fields[k] = msgs
	}
	return &out
}

// renderUser shows the account form: for a new account when a is nil.
func (pg *pages) renderUser(w http.ResponseWriter, r *http.Request, status int, a *Account, form *ui.Form) {
	p := auth.FromContext(r.Context())
	depts, err := pg.departmentChoices(r.Context())
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	page := userPage{Account: a, Form: form, CanChange: true, StaffRole: true, Roles: roleChoices(p), Departments: depts, Genders: genderChoices}
	title := "Add a staff account"
	if a != nil {
		page.CanChange = auth.Allows(p, auth.UsersWrite) && canManage(p, &User{Role: a.Role, IsSuperuser: a.IsSuperuser})
		page.Self = a.ID == p.UserID
		page.StaffRole = a.Role != auth.RolePatient
		title = a.FullName
	}
	pg.site.Render(w, r, status, "users_form.html", title, page)
}

func (pg *pages) newUser(w http.ResponseWriter, r *http.Request) {
	pg.renderUser(w, r, http.StatusOK, nil, &ui.Form{Values: url.Values{"gender": {"unknown"}}})
}

func (pg *pages) createUser(w http.ResponseWriter, r *http.Request) {
	if !pg.site.ParseForm(w, r) {
		return
	}
	in, fe := accountInput(r)
	err := fe.Err()
	var a Account
	if err == nil {
		a, err = pg.svc.CreateStaff(r.Context(), auth.FromContext(r.Context()), in)
	}
	if pg.formFailed(w, r, nil, profileErrors(err, r.PostForm.Get("role"))) {
		return
	}
	pg.site.SetFlash(w, r, "Account "+a.Username+" created. They can sign in with the password you set.")
	http.Redirect(w, r, userURL(a.ID), http.StatusSeeOther)
}

// formFailed shows the account form again, with what was typed and the errors
// beside the fields, if err is a validation error; it renders other errors as
// their page. It reports whether there was an error.
func (pg *pages) formFailed(w http.ResponseWriter, r *http.Request, a *Account, err error) bool {
	if err == nil {
		return false
	}
	values := r.PostForm
	values.Del("password") // never sent back to the browser
	if form, invalid := ui.InvalidForm(values, err, accountFields...); invalid {
		pg.renderUser(w, r, http.StatusUnprocessableEntity, a, form)
		return true
	}
	pg.site.Error(w, r, err)
	return true
}

func userURL(id int64) string { return "/app/users/" + strconv.FormatInt(id, 10) + "/" }

func (pg *pages) user(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return
	}
	a, err := pg.svc.GetAccount(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.renderUser(w, r, http.StatusOK, &a, &ui.Form{Values: accountValues(a)})
}

// manageable loads the account of the page's path if the viewer may change it, and
// otherwise renders the 404 or 403 page.
func (pg *pages) manageable(w http.ResponseWriter, r *http.Request) (Account, bool) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return Account{}, false
	}
	p := auth.FromContext(r.Context())
	a, err := pg.svc.GetAccount(r.Context(), p, id)
	if err != nil {
		pg.site.Error(w, r, err)
		return a, false
	}
	if !canManage(p, &User{Role: a.Role, IsSuperuser: a.IsSuperuser}) {
		pg.site.Forbidden(w, r)
		return a, false
	}
	return a, true
}

func (pg *pages) updateUser(w http.ResponseWriter, r *http.Request) {
	cur, ok := pg.manageable(w, r)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	in, fe := accountInput(r)
	in.Password = nil // set through the reset page, never with the other fields
	err := fe.Err()
	var a Account
	if err == nil {
		a, err = pg.svc.UpdateAccount(r.Context(), auth.FromContext(r.Context()), cur.ID, in)
	}
	if pg.formFailed(w, r, &cur, profileErrors(err, r.PostForm.Get("role"))) {
		return
	}
	pg.site.SetFlash(w, r, "Changes to "+a.Username+" saved.")
	http.Redirect(w, r, userURL(a.ID), http.StatusSeeOther)
}
