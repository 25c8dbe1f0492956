package web

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	pweb "healthsynx/internal/platform/web"
)

func TestInvalidFormPutsEachErrorWhereItShows(t *testing.T) {
	values := url.Values{"name": {"Cardiology"}}
	err := &errs.Error{Kind: errs.Invalid, Message: "Not saved.", Fields: map[string][]string{
		"name": {"department with this name already exists."}, "code": {"Not on this form."}, NonFieldErrors: {"Try later."},
	}}
	f, ok := InvalidForm(values, err, "name", "description")
	if !ok {
		t.Fatal("a validation error was not taken")
	}
	want := map[string][]string{
		"name":         {"department with this name already exists."},
		NonFieldErrors: {"Not saved.", "code: Not on this form.", "Try later."},
	}
	if !reflect.DeepEqual(f.Errors, want) || f.Value("name") != "Cardiology" {
		t.Errorf("form errors %q, values %v", f.Errors, f.Values)
	}
	for _, other := range []error{nil, errors.New("disk full"), errs.E(errs.Forbidden, "no")} {
		if _, ok := InvalidForm(values, other); ok {
			t.Errorf("InvalidForm took %v", other)
		}
	}
}

func TestPagerKeepsTheFilters(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/app/users/?role=nurse&page=2&search=a+b", nil)
	got := NewPager(r, pweb.PageRequest{Page: 2, Size: 10}, 31)
	want := Pager{Prev: "/app/users/?role=nurse&search=a+b", Next: "/app/users/?page=3&role=nurse&search=a+b", Summary: "11–20 of 31"}
	if got != want {
		t.Errorf("pager %+v, want %+v", got, want)
	}
	last := NewPager(r, pweb.PageRequest{Page: 4, Size: 10}, 31)
	if last.Next != "" || last.Summary != "31–31 of 31" {
		t.Errorf("last page %+v", last)
	}
	if empty := NewPager(httptest.NewRequest(http.MethodGet, "/app/users/", nil), pweb.PageRequest{Page: 1, Size: 10}, 0); empty != (Pager{}) {
		t.Errorf("empty list %+v", empty)
	}
}

func TestAddNavIsIdempotent(t *testing.T) {
	AddNav("Wards", "/test-nav/wards/", "test-role")
	AddNav("Wards", "/test-nav/wards/", "test-role")
	if n := len(NavFor(&auth.Principal{Role: "test-role"}, "/")); n != 2 {
		t.Errorf("navigation has %d links, want the dashboard and Wards once", n)
	}
}

func TestErrorRendersThePageOfItsKind(t *testing.T) {
	s := newTestSite(t)
	for _, c := range []struct {
		err    error
		status int
		text   string
	}{
		{errs.E(errs.NotFound, "Not found."), 404, "Page not found"},
		{errs.E(errs.Forbidden, "no"), 403, "Not allowed"},
		{errs.E(errs.Invalid, "You cannot deactivate your own account."), 400, "You cannot deactivate your own account."},
		{errs.Wrap("x", errors.New("disk full: /var/lib/secret")), 500, "Something went wrong"},
	} {
		w := httptest.NewRecorder()
		s.Error(w, httptest.NewRequest(http.MethodGet, "/app/x/", nil), c.err)
		body := w.Body.String()
		if w.Code != c.status || !strings.Contains(body, c.text) || strings.Contains(body, "disk full") {
			t.Errorf("%v: %d, want %d with %q\n%s", c.err, w.Code, c.status, c.text, body)
		}
	}
}
