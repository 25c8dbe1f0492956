package identity

import (
	"net/http"
	"net/url"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	ui "healthsynx/internal/web"
)

// genderChoices are the account's gender values with their labels.
var genderChoices = []ui.Choice{{Value: "female", Label: "Female"}, {Value: "male", Label: "Male"},
	{Value: "other", Label: "Other"}, {Value: "unknown", Label: "Not stated"}}

// profilePage is what account_profile.html shows.
type profilePage struct {
	Account Account
	Form    *ui.Form
	Genders []ui.Choice
}

// selfFields are the fields of the own-profile form.
var selfFields = []string{"first_name", "last_name", "email", "phone", "gender"}

func (pg *pages) profile(w http.ResponseWriter, r *http.Request) {
	a, err := pg.svc.Me(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	values := url.Values{"first_name": {a.FirstName}, "last_name": {a.LastName}, "email": {a.Email}, "phone": {a.Phone}, "gender": {a.Gender}}
	pg.site.Render(w, r, http.StatusOK, "account_profile.html", "Your profile", profilePage{Account: a, Form: &ui.Form{Values: values}, Genders: genderChoices})
}

func (pg *pages) saveProfile(w http.ResponseWriter, r *http.Request) {
	if !pg.site.ParseForm(w, r) {
		return
	}
	p := auth.FromContext(r.Context())
	in := SelfInput{FirstName: ui.Posted(r, "first_name"), LastName: ui.Posted(r, "last_name"), Email: ui.Posted(r, "email"),
		Phone: ui.Posted(r, "phone"), Gender: ui.Posted(r, "gender")}
	_, err := pg.svc.UpdateMe(r.Context(), p, in)
	if form, invalid := ui.InvalidForm(r.PostForm, err, selfFields...); invalid {
		a, err := pg.svc.Me(r.Context(), p)
		if err != nil {
			pg.site.Error(w, r, err)
			return
		}
		pg.site.Render(w, r, http.StatusUnprocessableEntity, "account_profile.html", "Your profile", profilePage{Account: a, Form: form, Genders: genderChoices})
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Your details were saved.")
	http.Redirect(w, r, "/app/profile/", http.StatusSeeOther)
}

// msgPasswordsDiffer is Django's message for a confirmation that does not match.
const msgPasswordsDiffer = "The two password fields didn't match."

func (pg *pages) passwordForm(w http.ResponseWriter, r *http.Request) {
	pg.site.Render(w, r, http.StatusOK, "account_password.html", "Change your password", &ui.Form{})
}

func (pg *pages) changePassword(w http.ResponseWriter, r *http.Request) {
	if !pg.site.ParseForm(w, r) {
		return
	}
	oldPW, newPW := r.PostForm.Get("old_password"), r.PostForm.Get("new_password")
	var err error
	if newPW != r.PostForm.Get("new_password_confirm") {
		err = errs.Field("new_password_confirm", msgPasswordsDiffer)
	} else {
		err = pg.svc.ChangeOwnPassword(r.Context(), auth.FromContext(r.Context()), oldPW, newPW)
	}
	// Passwords are never sent back to the browser, not even the ones typed.
	if form, invalid := ui.InvalidForm(url.Values{}, err, "old_password", "new_password", "new_password_confirm"); invalid {
		pg.site.Render(w, r, http.StatusUnprocessableEntity, "account_password.html", "Change your password", form)
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Your password was changed. Your other devices have been signed out.")
	http.Redirect(w, r, "/app/profile/", http.StatusSeeOther)
}
