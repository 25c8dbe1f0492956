package identity

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
)

// Token messages of the original (simplejwt).
const (
	MsgTokenInvalid  = "Token is invalid or expired"
	CodeTokenInvalid = "token_not_valid"
)

// claims are the JWT claims, as simplejwt wrote them, plus the token family (fam).
type claims struct {
	TokenType string `json:"token_type"`
	UserID    string `json:"user_id"`
	Family    string `json:"fam"`
	jwt.RegisteredClaims
}

// Tokens signs and checks API tokens.
type Tokens struct {
	key        []byte
	AccessTTL  time.Duration
	RefreshTTL time.Duration
	now        func() time.Time
}

// NewTokens derives the signing key from the secret key, so the secret itself never
// signs anything directly.
func NewTokens(secret string, accessTTL, refreshTTL time.Duration) *Tokens {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("healthsynx jwt signing key v1"))
	return &Tokens{key: mac.Sum(nil), AccessTTL: accessTTL, RefreshTTL: refreshTTL, now: time.Now}
}

func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (t *Tokens) sign(typ string, userID int64, family, jti string, ttl time.Duration) (string, time.Time, error) {
	now := t.now().UTC()
	exp := now.Add(ttl)
	c := claims{TokenType: typ, UserID: strconv.FormatInt(userID, 10), Family: family, RegisteredClaims: jwt.RegisteredClaims{
		ID: jti, IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(exp),
	}}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(t.key)
	return s, exp, err
}

// parse checks the signature (HS256 only: "none" and every other algorithm are refused),
// the expiry and the token type.
func (t *Tokens) parse(raw, wantType string) (*claims, error) {
	var c claims
	_, err := jwt.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return t.key, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(t.now),
		jwt.WithLeeway(5*time.Second))
	if err != nil || c.TokenType != wantType || c.ID == "" {
		return nil, invalidToken()
	}
	return &c, nil
}

func (c *claims) userID() (int64, error) {
	id, err := strconv.ParseInt(c.UserID, 10, 64)
	if err != nil || id <= 0 {
		return 0, invalidToken()
	}
	return id, nil
}

func invalidToken() error {
	return &errs.Error{Kind: errs.Unauthenticated, Message: MsgTokenInvalid, Code: CodeTokenInvalid}
}

// Pair is the body of a token response.
type Pair struct {
	Refresh string `json:"refresh"`
	Access  string `json:"access"`
}

// issuePair starts a new token family for the user (a sign-in).
func (t *Tokens) issuePair(ctx context.Context, q db.Querier, userID int64) (Pair, error) {
	family := newID()
	if _, err := q.Exec(ctx, "INSERT INTO token_families (id, user_id, created_at, revoked_reason) VALUES (?, ?, ?, '')", family, userID, db.Now()); err != nil {
		return Pair{}, err
	}
	return t.issueInFamily(ctx, q, userID, family)
}

func (t *Tokens) issueInFamily(ctx context.Context, q db.Querier, userID int64, family string) (Pair, error) {
	jti := newID()
	refresh, exp, err := t.sign("refresh", userID, family, jti, t.RefreshTTL)
	if err != nil {
		return Pair{}, err
	}
	if _, err := q.Exec(ctx, "INSERT INTO refresh_tokens (jti, family_id, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)",
		jti, family, userID, db.Now(), exp.Truncate(time.Microsecond)); err != nil {
		return Pair{}, err
	}
	access, _, err := t.sign("access", userID, family, newID(), t.AccessTTL)
	return Pair{Refresh: refresh, Access: access}, err
}

// errReuse marks the presentation of an already-rotated refresh token.
var errReuse = errors.New("refresh token reused")

// rotate exchanges a refresh token for a new pair in the same family. A token that was
// already used revokes the whole family: someone holds a stolen copy.
func (t *Tokens) rotate(ctx context.Context, q db.Querier, raw string) (Pair, int64, error) {
	c, err := t.parse(raw, "refresh")
	if err != nil {
		return Pair{}, 0, err
	}
	userID, err := c.userID()
	if err != nil {
		return Pair{}, 0, err
	}
	var used, revoked *time.Time
	var family string
	err = q.QueryRow(ctx, `SELECT r.family_id, r.used_at, f.revoked_at FROM refresh_tokens r
		JOIN token_families f ON f.id = r.family_id WHERE r.jti = ?`+db.ForUpdate(q), c.ID).Scan(&family, &used, &revoked)
	if err != nil || family != c.Family {
		return Pair{}, 0, invalidToken()
	}
	if revoked != nil {
		return Pair{}, 0, invalidToken()
	}
	if used != nil {
		if err := revokeFamily(ctx, q, family, "reuse"); err != nil {
			return Pair{}, 0, err
		}
		return Pair{}, userID, errReuse
	}
	if _, err := q.Exec(ctx, "UPDATE refresh_tokens SET used_at = ? WHERE jti = ?", db.Now(), c.ID); err != nil {
		return Pair{}, 0, err
	}
	p, err := t.issueInFamily(ctx, q, userID, family)
	return p, userID, err
}

func revokeFamily(ctx context.Context, q db.Querier, family, reason string) error {
	_, err := q.Exec(ctx, "UPDATE token_families SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL", db.Now(), reason, family)
	return err
}

// revokeUserTokens ends every API sign-in of a user (deactivation, password change).
func revokeUserTokens(ctx context.Context, q db.Querier, userID int64, reason string) error {
	_, err := q.Exec(ctx, "UPDATE token_families SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL", db.Now(), reason, userID)
	return err
}
