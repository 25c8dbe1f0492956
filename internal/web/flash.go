package web

import (
	"encoding/base64"
	"net/http"
	"strings"

	pweb "healthsynx/internal/platform/web"
)

// flashCookie carries a one-line message ("Department Cardiology created.") from a
// successful form post to the page its redirect leads to.
const (
	flashCookie = "healthsynx_flash"
	flashMaxLen = 200
)

// SetFlash stores msg for the next page the browser renders. Call it before the
// redirect that follows a successful post.
func (s *Site) SetFlash(w http.ResponseWriter, r *http.Request, msg string) {
	if len(msg) > flashMaxLen {
		msg = strings.ToValidUTF8(msg[:flashMaxLen], "")
	}
	// Base64 keeps spaces and punctuation out of the cookie syntax; a minute is
	// ample for the redirect, and the cookie dies unread if it never happens.
	http.SetCookie(w, s.flashCookie(r, base64.RawURLEncoding.EncodeToString([]byte(msg)), 60))
}

// takeFlash returns the stored message, if any, and clears it so that it shows once.
// The message is only ever rendered as escaped text: a forged cookie can show words
// on a page but never markup.
func (s *Site) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, s.flashCookie(r, "", -1))
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || len(b) > flashMaxLen {
		return ""
	}
	return string(b)
}

func (s *Site) flashCookie(r *http.Request, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: flashCookie, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		Secure: pweb.IsTLS(r, s.TrustProxy), SameSite: http.SameSiteLaxMode}
}
