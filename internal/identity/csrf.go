package identity

import (
	"crypto/subtle"
	"net/http"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
)

// CSRFGuard protects cookie-authenticated requests that change state. The browser's
// Sec-Fetch-Site / Origin headers must say the request came from this site
// (http.CrossOriginProtection), and a form post must also carry the session's token.
// Bearer requests need neither: a browser never adds the Authorization header itself.
func CSRFGuard() func(r *http.Request, p *auth.Principal) error {
	cop := http.NewCrossOriginProtection()
	return func(r *http.Request, p *auth.Principal) error {
		if p.Method != "session" {
			return nil
		}
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return nil
		}
		if err := cop.Check(r); err != nil {
			return errs.E(errs.Forbidden, "CSRF Failed: the request did not come from this site.")
		}
		if isForm(r) && !ValidFormToken(r, p) {
			return errs.E(errs.Forbidden, "CSRF Failed: CSRF token missing or incorrect.")
		}
		return nil
	}
}

func isForm(r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	return len(ct) >= 33 && ct[:33] == "application/x-www-form-urlencoded" || len(ct) >= 19 && ct[:19] == "multipart/form-data"
}

// ValidFormToken compares the form's csrf field with the session's token.
func ValidFormToken(r *http.Request, p *auth.Principal) bool {
	got := r.PostFormValue("csrf")
	return got != "" && p.CSRFToken != "" && subtle.ConstantTimeCompare([]byte(got), []byte(p.CSRFToken)) == 1
}
