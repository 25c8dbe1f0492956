package identity

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"time"

	"healthsynx/internal/platform/db"
)

// SessionCookie is the name of the web session cookie.
const SessionCookie = "healthsynx_session"

// Session lifetimes: a session ends after the idle time without a request, and at the
// latest at the end of a long shift.
const (
	sessionIdle     = 2 * time.Hour
	sessionAbsolute = 12 * time.Hour
	// last_seen_at is written at most this often, to keep reads from writing.
	sessionTouchEvery = time.Minute
)

// Session is a signed-in browser.
type Session struct {
	ID         string // SHA-256 of the cookie value
	UserID     int64
	CSRFToken  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(raw string) string {
	h := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(h[:])
}

// createSession stores a new session and returns the cookie value.
func createSession(ctx context.Context, q db.Querier, userID int64, ip, userAgent string) (string, Session, error) {
	raw := randomToken()
	now := db.Now()
	s := Session{ID: hashToken(raw), UserID: userID, CSRFToken: randomToken(), CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(sessionAbsolute)}
	if len(userAgent) > 255 {
		userAgent = userAgent[:255]
	}
	_, err := q.Exec(ctx, `INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, client_ip, user_agent)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, s.ID, userID, s.CSRFToken, now, now, s.ExpiresAt, ip, userAgent)
	return raw, s, err
}

// sessionByCookie finds a live session for a cookie value; expired and idle sessions
// count as absent.
func sessionByCookie(ctx context.Context, q db.Querier, raw string, now time.Time) (*Session, error) {
	var s Session
	err := q.QueryRow(ctx, "SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions WHERE id = ?", hashToken(raw)).
		Scan(&s.ID, &s.UserID, &s.CSRFToken, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt)
	if db.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if now.After(s.ExpiresAt) || now.Sub(s.LastSeenAt) > sessionIdle {
		return nil, nil
	}
	if now.Sub(s.LastSeenAt) > sessionTouchEvery {
		if _, err := q.Exec(ctx, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", now.Truncate(time.Microsecond), s.ID); err != nil {
			return nil, err
		}
	}
	return &s, nil
}

func deleteSession(ctx context.Context, q db.Querier, id string) error {
	_, err := q.Exec(ctx, "DELETE FROM sessions WHERE id = ?", id)
	return err
}

// deleteUserSessions signs a user out of every browser (deactivation, password reset).
func deleteUserSessions(ctx context.Context, q db.Querier, userID int64, except string) error {
	_, err := q.Exec(ctx, "DELETE FROM sessions WHERE user_id = ? AND id <> ?", userID, except)
	return err
}

// sessionCookie builds the cookie: HttpOnly, SameSite=Lax, Secure over TLS.
func sessionCookie(value string, secure bool, maxAge int) *http.Cookie {
	return &http.Cookie{Name: SessionCookie, Value: value, Path: "/", HttpOnly: true, Secure: secure,
		SameSite: http.SameSiteLaxMode, MaxAge: maxAge}
}
