package identity

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"time"

	"healthsynx/internal/platform/auth/password"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
)

// LoginAttempt is one sign-in: the name typed (username, or email where allowed), the
// password and where it came from.
type LoginAttempt struct {
	Login      string
	Password   string
	AllowEmail bool
	ClientIP   string
	UserAgent  string
	RequestID  string
	Via        string // "token", "api_login", "session", "page": for the audit log
}

// errBadCredentials is returned for every failed sign-in, whatever the reason, so that
// a caller cannot learn whether an account exists or is inactive.
var errBadCredentials = errs.E(errs.Unauthenticated, "bad credentials")

func throttled(d time.Duration) error {
	secs := int(math.Ceil(d.Seconds()))
	return &errs.Error{Kind: errs.TooManyRequests, RetryAfter: secs,
		Message: fmt.Sprintf("Too many failed sign-in attempts. Try again in %d seconds.", secs)}
}

// authenticate checks a sign-in attempt against the throttle and the password, records
// the outcome, and returns the active user. On success an outdated hash is replaced by
// argon2id and last_login is set.
func (s *Service) authenticate(ctx context.Context, a LoginAttempt) (User, error) {
	now := db.Now()
	key := strings.ToLower(strings.TrimSpace(a.Login))
	for _, c := range []struct {
		rule throttleRule
		key  string
	}{{accountRule, key}, {addressRule, a.ClientIP}} {
		d, err := lockedFor(ctx, s.DB, c.rule.prefix+c.key, now)
		if err != nil {
			return User{}, errs.Wrap("identity.authenticate", err)
		}
		if d > 0 {
			return User{}, throttled(d)
		}
	}
	u, err := userByLogin(ctx, s.DB, strings.TrimSpace(a.Login))
	if err != nil && !db.IsNoRows(err) {
		return User{}, errs.Wrap("identity.authenticate", err)
	}
	if err == nil && !a.AllowEmail && !strings.EqualFold(u.Username, strings.TrimSpace(a.Login)) {
		err = db.ErrNoRows // found by email where only usernames are accepted
	}
	var ok, rehash bool
	if err == nil {
		var verr error
		ok, rehash, verr = password.Verify(u.Password, a.Password)
		if verr != nil {
			// a broken stored hash: the sign-in fails like any other, but someone must look
			slog.ErrorContext(ctx, "stored password hash cannot be read", "user_id", u.ID, "err", verr)
		}
	} else {
		password.DummyVerify(a.Password)
	}
	if !ok || !u.IsActive {
		ferr := s.DB.InTx(ctx, func(tx *db.Tx) error {
			if err := recordFailure(ctx, tx, accountRule, key, now); err != nil {
				return err
			}
			if err := recordFailure(ctx, tx, addressRule, a.ClientIP, now); err != nil {
				return err
			}
			return s.audit(ctx, tx, auditEntry{action: "login_failed", outcome: "failed", actorID: u.ID, actorName: key,
				ip: a.ClientIP, requestID: a.RequestID, detail: a.Via})
		})
		if ferr != nil {
			return User{}, errs.Wrap("identity.authenticate", ferr)
		}
		return User{}, errBadCredentials
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if rehash {
			h, err := password.Hash(a.Password)
			if err != nil {
				return err
			}
			if err := setPassword(ctx, tx, u.ID, h, false); err != nil {
				return err
			}
		}
		if err := clearFailures(ctx, tx, accountRule, key); err != nil {
			return err
		}
		if err := touchLastLogin(ctx, tx, u.ID, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, auditEntry{action: "login", outcome: "success", actorID: u.ID, actorName: u.Username,
			actorRole: string(u.Role), ip: a.ClientIP, requestID: a.RequestID, detail: a.Via})
	})
	if err != nil {
		return User{}, errs.Wrap("identity.authenticate", err)
	}
	u.LastLogin = &now
	return u, nil
}

// LoginTokens signs in through the API and starts a token family.
func (s *Service) LoginTokens(ctx context.Context, a LoginAttempt) (User, Pair, error) {
	u, err := s.authenticate(ctx, a)
	if err != nil {
		return u, Pair{}, err
	}
	var p Pair
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		p, err = s.Tokens.issuePair(ctx, tx, u.ID)
		return err
	})
	return u, p, errs.Wrap("identity.LoginTokens", err)
}

// LoginSession signs a browser in and returns the session cookie value.
func (s *Service) LoginSession(ctx context.Context, a LoginAttempt) (User, string, error) {
	u, err := s.authenticate(ctx, a)
	if err != nil {
		return u, "", err
	}
	raw, _, err := createSession(ctx, s.DB, u.ID, a.ClientIP, a.UserAgent)
	return u, raw, errs.Wrap("identity.LoginSession", err)
}

// Refresh rotates a refresh token. Presenting one that was already used revokes its
// whole family and fails.
func (s *Service) Refresh(ctx context.Context, raw string) (Pair, error) {
	var p Pair
	var reused bool
	var userID int64
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		p, userID, err = s.Tokens.rotate(ctx, tx, raw)
		if err == errReuse {
			reused = true
			return s.audit(ctx, tx, auditEntry{action: "token_reuse", outcome: "denied", actorID: userID,
				detail: "a used refresh token was presented; its family was revoked"})
		}
		if err != nil {
			return err
		}
		// The user may have been deactivated since the token was issued.
		u, err := userByID(ctx, tx, userID)
		if err != nil || !u.IsActive {
			return invalidToken()
		}
		return nil
	})
	if reused {
		return Pair{}, invalidToken()
	}
	if err != nil {
		return Pair{}, errs.Wrap("identity.Refresh", err)
	}
	return p, nil
}

// VerifyToken checks any token (access or refresh) as /api/token/verify/ does.
// A token of a revoked family or of a deactivated user is not valid either.
func (s *Service) VerifyToken(ctx context.Context, raw string) error {
	c, err := s.Tokens.parse(raw, "access")
	if err != nil {
		if c, err = s.Tokens.parse(raw, "refresh"); err != nil {
			return err
		}
	}
	userID, err := c.userID()
	if err != nil {
		return err
	}
	if _, err := s.liveTokenUser(ctx, userID, c.Family); err != nil {
		return invalidToken()
	}
	return nil
}

// Blacklist revokes the family of a refresh token (API sign-out).
func (s *Service) Blacklist(ctx context.Context, raw string) error {
	c, err := s.Tokens.parse(raw, "refresh")
	if err != nil {
		return err
	}
	var family string
	err = s.DB.QueryRow(ctx, "SELECT family_id FROM refresh_tokens WHERE jti = ?", c.ID).Scan(&family)
	if err != nil {
		return invalidToken()
	}
	return errs.Wrap("identity.Blacklist", revokeFamily(ctx, s.DB, family, "logout"))
}
