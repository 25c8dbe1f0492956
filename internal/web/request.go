package web

import (
	"net/http"

	"healthsynx/internal/platform/errs"
	pweb "healthsynx/internal/platform/web"
)

// ParseForm reads a posted form. A body that cannot be read renders the error page
// and reports false; a body that is not a form leaves the form empty, which a page
// treats as a form without fields.
func (s *Site) ParseForm(w http.ResponseWriter, r *http.Request) bool {
	if err := r.ParseForm(); err != nil {
		s.Error(w, r, errs.E(errs.Invalid, "The form could not be read. Reload the page and send it again."))
		return false
	}
	return true
}

// Posted is the named value of the parsed form, or nil when the form did not have
// the field, so that a field a page does not show is left as it is.
func Posted(r *http.Request, name string) *string {
	if _, ok := r.PostForm[name]; !ok {
		return nil
	}
	v := r.PostForm.Get(name)
	return &v
}

// PathID is the {id} of the page's path; for a malformed one it renders the 404
// page and reports false.
func (s *Site) PathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := pweb.PathID(r, "id")
	if err != nil {
		s.NotFound(w, r)
		return 0, false
	}
	return id, true
}
