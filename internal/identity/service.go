package identity

import (
	"context"
	"net/http"
	"strings"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// Service holds the identity use cases.
type Service struct {
	DB     *db.DB
	Tokens *Tokens
	Audit  Auditor
	// AccountChanged runs in the transaction of every account create or update, so that
	// modules keeping data derived from an account (the patients' search keys) follow.
	AccountChanged func(ctx context.Context, q db.Querier, userID int64) error
	TrustProxy     bool
	// SecureCookies forces the Secure flag on the session cookie even without TLS
	// detection (set behind a TLS-terminating proxy that does not say so).
	SecureCookies bool
}

// MsgBadToken is simplejwt's answer to a bad access token.
const MsgBadToken = "Given token not valid for any token type"

// liveTokenUser returns the active user of a token whose family is not revoked, in one
// query: it runs on every API request.
func (s *Service) liveTokenUser(ctx context.Context, userID int64, family string) (User, error) {
	u, err := scanUser(s.DB.QueryRow(ctx, "SELECT "+userColumns+userFrom+
		" JOIN token_families f ON f.user_id = u.id WHERE u.id = ? AND f.id = ? AND f.revoked_at IS NULL", userID, family))
	if err != nil || !u.IsActive {
		return User{}, invalidToken()
	}
	return u, nil
}

// Authenticate implements web.Authenticator: a Bearer access token, else the session
// cookie. HTTP Basic and other schemes are not accepted: such a request is anonymous.
func (s *Service) Authenticate(r *http.Request) (*auth.Principal, error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, raw, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return nil, nil
		}
		c, err := s.Tokens.parse(strings.TrimSpace(raw), "access")
		if err != nil {
			return nil, badToken()
		}
		userID, err := c.userID()
		if err != nil {
			return nil, badToken()
		}
		u, err := s.liveTokenUser(ctx, userID, c.Family)
		if err != nil {
			return nil, badToken()
		}
		p := u.Principal("bearer", "")
		p.TokenFamily = c.Family
		return p, nil
	}
	ck, err := r.Cookie(SessionCookie)
	if err != nil || ck.Value == "" {
		return nil, nil
	}
	sess, err := sessionByCookie(ctx, s.DB, ck.Value, db.Now())
	if err != nil {
		return nil, errs.Wrap("identity.Authenticate", err)
	}
	if sess == nil {
		return nil, nil
	}
	u, err := userByID(ctx, s.DB, sess.UserID)
	if err != nil || !u.IsActive {
		return nil, nil
	}
	p := u.Principal("session", sess.ID)
	p.CSRFToken = sess.CSRFToken
	return p, nil
}

func badToken() error {
	return &errs.Error{Kind: errs.Unauthenticated, Message: MsgBadToken, Code: CodeTokenInvalid}
}

// Logout ends the caller's session, or for a Bearer caller the token family.
func (s *Service) Logout(ctx context.Context, p *auth.Principal) error {
	var err error
	switch p.Method {
	case "session":
		err = deleteSession(ctx, s.DB, p.SessionID)
	case "bearer":
		err = revokeFamily(ctx, s.DB, p.TokenFamily, "logout")
	}
	if err == nil {
		err = s.audit(ctx, s.DB, auditEntry{action: "logout", outcome: "success", actorID: p.UserID, actorName: p.Username, actorRole: string(p.Role)})
	}
	return errs.Wrap("identity.Logout", err)
}

// clientIP is the caller's address for throttling and the audit log.
func (s *Service) clientIP(r *http.Request) string { return web.ClientIP(r, s.TrustProxy) }
