package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestFlashShowsOnceOnTheNextPage(t *testing.T) {
	s := newTestSite(t)
	w := httptest.NewRecorder()
	s.SetFlash(w, httptest.NewRequest(http.MethodPost, "/app/departments/new/", nil), `Department "A&E" created.`)
	set := w.Result().Cookies()
	if len(set) != 1 || !set[0].HttpOnly || set[0].SameSite != http.SameSiteLaxMode || set[0].MaxAge <= 0 {
		t.Fatalf("flash cookie %+v", set)
	}

	r := httptest.NewRequest(http.MethodGet, "/login/", nil)
	r.AddCookie(set[0])
	w = httptest.NewRecorder()
	s.Render(w, r, http.StatusOK, "login.html", "Sign in", LoginForm{})
	if !strings.Contains(w.Body.String(), `<p class="flash" role="status">Department &#34;A&amp;E&#34; created.</p>`) {
		t.Errorf("the message is missing or unescaped:\n%s", w.Body)
	}
	cleared := w.Result().Cookies()
	if len(cleared) != 1 || cleared[0].Name != set[0].Name || cleared[0].MaxAge >= 0 {
		t.Errorf("the page did not clear the message: %+v", cleared)
	}

	// A cookie that is not one of ours shows nothing.
	r = httptest.NewRequest(http.MethodGet, "/login/", nil)
	r.AddCookie(&http.Cookie{Name: set[0].Name, Value: "%%%not-base64"})
	w = httptest.NewRecorder()
	s.Render(w, r, http.StatusOK, "login.html", "Sign in", LoginForm{})
	if strings.Contains(w.Body.String(), `class="flash"`) {
		t.Error("a malformed flash cookie was shown")
	}
}
