package identity

import (
	"net/http"
	"net/url"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	ui "healthsynx/internal/web"
)

// The access actions of an account page: deactivate (after a confirmation page),
// activate, and reset the password.

func (pg *pages) confirmDeactivate(w http.ResponseWriter, r *http.Request) {
	a, ok := pg.manageable(w, r)
	if !ok {
		return
	}
	if a.ID == auth.FromContext(r.Context()).UserID {
		pg.site.Error(w, r, errs.E(errs.Invalid, "You cannot deactivate your own account."))
		return
	}
	pg.site.Render(w, r, http.StatusOK, "confirm.html", "Deactivate "+a.Username, ui.Confirm{
		Heading: "Deactivate " + a.Username + "?",
		Message: a.FullName + " is signed out everywhere at once and cannot sign in until the account is activated again. " +
			"The account and everything it recorded stay.",
		Action: userURL(a.ID) + "deactivate/", Submit: "Deactivate account", Cancel: userURL(a.ID), Danger: true,
	})
}

// setActive deactivates or activates the account of the page's path.
func (pg *pages) setActive(active bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pg.site.PathID(w, r)
		if !ok {
			return
		}
		a, err := pg.svc.SetActive(r.Context(), auth.FromContext(r.Context()), id, active)
		if err != nil {
			pg.site.Error(w, r, err)
			return
		}
		msg := "Account " + a.Username + " activated: they can sign in again."
		if !active {
			msg = "Account " + a.Username + " deactivated and signed out everywhere."
		}
		pg.site.SetFlash(w, r, msg)
		http.Redirect(w, r, userURL(a.ID), http.StatusSeeOther)
	}
}

// resetPage is what users_password.html shows.
type resetPage struct {
	Account Account
	Form    *ui.Form
}

func (pg *pages) resetForm(w http.ResponseWriter, r *http.Request) {
	a, ok := pg.manageable(w, r)
	if !ok {
		return
	}
	pg.site.Render(w, r, http.StatusOK, "users_password.html", "Reset the password of "+a.Username, resetPage{Account: a, Form: &ui.Form{}})
}

func (pg *pages) resetPassword(w http.ResponseWriter, r *http.Request) {
	a, ok := pg.manageable(w, r)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	pw := r.PostForm.Get("password")
	var err error
	if pw != r.PostForm.Get("password_confirm") {
		err = errs.Field("password_confirm", msgPasswordsDiffer)
	} else {
		err = pg.svc.ResetPassword(r.Context(), auth.FromContext(r.Context()), a.ID, pw)
	}
	if form, invalid := ui.InvalidForm(url.Values{}, err, "password", "password_confirm"); invalid {
		pg.site.Render(w, r, http.StatusUnprocessableEntity, "users_password.html", "Reset the password of "+a.Username, resetPage{Account: a, Form: form})
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "New password set for "+a.Username+". They have been signed out everywhere.")
	http.Redirect(w, r, userURL(a.ID), http.StatusSeeOther)
}
