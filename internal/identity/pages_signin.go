package identity

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	ui "healthsynx/internal/web"
)

// msgSignInFailed is shown for every refused sign-in, whatever the reason, so that
// the page does not tell whether an account exists or is active.
const msgSignInFailed = "Incorrect username/email or password."

// signIn checks the sign-in form, starts a session and sends the browser on to the
// page it asked for.
func (pg *pages) signIn(w http.ResponseWriter, r *http.Request) {
	// No session exists yet, so no CSRF token either: the browser's own headers must
	// show that the form was posted from this site (which also stops a foreign page
	// from signing the browser in to an account of its choosing).
	if err := pg.signInOrigin.Check(r); err != nil {
		pg.site.Render(w, r, http.StatusForbidden, "error.html", "Sign-in refused", ui.ErrorData{Status: http.StatusForbidden,
			Heading: "Sign-in refused", Message: "The sign-in form was sent from another site. Open the sign-in page of this site and sign in there."})
		return
	}
	if !pg.site.ParseForm(w, r) {
		return
	}
	form := ui.LoginForm{Next: ui.SafeNext(r.PostForm.Get("next")), Username: strings.TrimSpace(r.PostForm.Get("username"))}
	pw := r.PostForm.Get("password")
	if form.Username == "" || pw == "" {
		form.Error = "Enter your username or email and your password."
		pg.site.Render(w, r, http.StatusUnprocessableEntity, "login.html", "Sign in", form)
		return
	}
	_, cookie, err := pg.svc.LoginSession(r.Context(), pg.svc.attempt(r, form.Username, pw, true, "page"))
	var e *errs.Error
	switch {
	case err == nil:
		http.SetCookie(w, sessionCookie(cookie, pg.svc.secure(r), int(sessionAbsolute.Seconds())))
		http.Redirect(w, r, form.Next, http.StatusSeeOther)
	case errors.Is(err, errBadCredentials):
		form.Error = msgSignInFailed
		pg.site.Render(w, r, http.StatusUnprocessableEntity, "login.html", "Sign in", form)
	case errors.As(err, &e) && e.Kind == errs.TooManyRequests:
		w.Header().Set("Retry-After", strconv.Itoa(e.RetryAfter))
		form.Error = "Too many failed sign-in attempts. Wait " + waitWords(e.RetryAfter) + ", then try again."
		pg.site.Render(w, r, http.StatusTooManyRequests, "login.html", "Sign in", form)
	default:
		pg.site.Error(w, r, err)
	}
}

// waitWords says how long a throttled user must wait, rounded up to what a person
// reads at a glance: "1 second", "40 seconds", "1 minute", "15 minutes".
func waitWords(secs int) string {
	switch {
	case secs <= 1:
		return "1 second"
	case secs < 60:
		return fmt.Sprintf("%d seconds", secs)
	case secs <= 60:
		return "1 minute"
	}
	return fmt.Sprintf("%d minutes", (secs+59)/60)
}

// signOut ends the browser's session. A Bearer caller has no session to end here:
// API clients sign out through /users/logout/ or /api/token/blacklist/.
func (pg *pages) signOut(w http.ResponseWriter, r *http.Request) {
	p := auth.FromContext(r.Context())
	if p.Method == "session" {
		if err := pg.svc.Logout(r.Context(), p); err != nil {
			pg.site.Error(w, r, err)
			return
		}
		http.SetCookie(w, sessionCookie("", pg.svc.secure(r), -1))
		pg.site.SetFlash(w, r, "You have signed out.")
	}
	http.Redirect(w, r, "/login/", http.StatusSeeOther)
}
