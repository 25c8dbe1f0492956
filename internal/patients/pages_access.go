package patients

import (
	"net/http"
	"net/url"
	"strings"

	"healthsynx/internal/platform/errs"
	ui "healthsynx/internal/web"
)

// The access actions of the patient page: the desk sets the first password, an
// administrator archives (after a confirmation page with a reason) and restores.

// passwordPage is what patients_password.html shows.
type passwordPage struct {
	Patient Patient
	Form    *ui.Form
}

func (pg *pages) passwordForm(w http.ResponseWriter, r *http.Request) {
	p, ok := pg.patient(w, r, false)
	if !ok {
		return
	}
	pg.site.Render(w, r, http.StatusOK, "patients_password.html", "Set the password of "+p.FullName, passwordPage{Patient: p, Form: &ui.Form{}})
}

// msgPasswordsDiffer is Django's message for a confirmation that does not match.
const msgPasswordsDiffer = "The two password fields didn't match."

func (pg *pages) setPassword(w http.ResponseWriter, r *http.Request) {
	p, ok := pg.patient(w, r, false)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	pw := r.PostForm.Get("password")
	var err error
	if pw != r.PostForm.Get("password_confirm") {
		err = errs.Field("password_confirm", msgPasswordsDiffer)
	} else {
		err = pg.svc.SetPassword(r.Context(), pg.svc.caller(r), p.ID, pw)
	}
	// Passwords are never sent back to the browser, not even the ones typed.
	if form, invalid := ui.InvalidForm(url.Values{}, err, "password", "password_confirm"); invalid {
		pg.site.Render(w, r, http.StatusUnprocessableEntity, "patients_password.html", "Set the password of "+p.FullName, passwordPage{Patient: p, Form: form})
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, p.FullName+" can now sign in as "+p.Username+" with the password you set.")
	http.Redirect(w, r, patientURL(p.ID), http.StatusSeeOther)
}

// msgReasonRequired asks for the reason the archive page requires.
const msgReasonRequired = "Say why the patient is archived: it stays in the record."

func (pg *pages) archiveConfirm(p Patient, form *ui.Form) ui.Confirm {
	return ui.Confirm{
		Heading: "Archive " + p.FullName + " (" + p.MRN + ")?",
		Message: "The patient leaves the lists and searches and can no longer sign in. Nothing is deleted: " +
			"visits, results and bills stay, and an administrator can restore the patient.",
		Action: patientURL(p.ID) + "archive/", Submit: "Archive patient", Cancel: patientURL(p.ID),
		Danger: true, Reason: true, Form: form,
	}
}

func (pg *pages) confirmArchive(w http.ResponseWriter, r *http.Request) {
	p, ok := pg.patient(w, r, false)
	if !ok {
		return
	}
	pg.site.Render(w, r, http.StatusOK, "confirm.html", "Archive "+p.FullName, pg.archiveConfirm(p, &ui.Form{}))
}

func (pg *pages) archive(w http.ResponseWriter, r *http.Request) {
	p, ok := pg.patient(w, r, false)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	err := errs.Field("reason", msgReasonRequired)
	if reason != "" {
		err = pg.svc.Archive(r.Context(), pg.svc.caller(r), p.ID, reason)
	}
	if form, invalid := ui.InvalidForm(r.PostForm, err, "reason"); invalid {
		pg.site.Render(w, r, http.StatusUnprocessableEntity, "confirm.html", "Archive "+p.FullName, pg.archiveConfirm(p, form))
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, p.FullName+" ("+p.MRN+") was archived.")
	http.Redirect(w, r, "/app/patients/", http.StatusSeeOther)
}

func (pg *pages) restore(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return
	}
	p, err := pg.svc.Restore(r.Context(), pg.svc.caller(r), id)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, p.FullName+" ("+p.MRN+") was restored and can sign in again.")
	http.Redirect(w, r, patientURL(p.ID), http.StatusSeeOther)
}
