package identity_test

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"healthsynx/internal/apitest"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/auth"
)

func TestTokenObtainRefreshVerifyBlacklist(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.User(auth.RoleDoctor, "drkim")
		anon := e.Anon()

		res := anon.Do("POST", "/api/token/", map[string]string{"username": "drkim"})
		if res.Status != 400 || !strings.Contains(string(res.Body), `"password":["This field is required."]`) {
			t.Fatalf("missing password: %d %s", res.Status, res.Body)
		}
		res = anon.Do("POST", "/api/token/", map[string]string{"username": "drkim", "password": "wrong-password"})
		if res.Status != 401 || res.JSON()["detail"] != "No active account found with the given credentials" {
			t.Fatalf("wrong password: %d %s", res.Status, res.Body)
		}

		res = anon.Do("POST", "/api/token/", map[string]string{"username": "drkim", "password": apitest.Password})
		if res.Status != 200 {
			t.Fatalf("sign in: %d %s", res.Status, res.Body)
		}
		pair := res.JSON()
		access, refresh := pair["access"].(string), pair["refresh"].(string)
		if got := e.Anon().Do("POST", "/api/token/verify/", map[string]string{"token": access}); got.Status != 200 {
			t.Fatalf("verify access: %d %s", got.Status, got.Body)
		}

		// Rotation: a new pair; the old refresh token is spent.
		res = anon.Do("POST", "/api/token/refresh/", map[string]string{"refresh": refresh})
		if res.Status != 200 {
			t.Fatalf("refresh: %d %s", res.Status, res.Body)
		}
		rotated := res.JSON()
		newRefresh, newAccess := rotated["refresh"].(string), rotated["access"].(string)
		if newRefresh == refresh || newAccess == "" {
			t.Fatal("refresh did not rotate the refresh token")
		}
		// Reusing the spent token fails and revokes the whole family, including the
		// token it was rotated into and the access tokens of the family.
		res = anon.Do("POST", "/api/token/refresh/", map[string]string{"refresh": refresh})
		if res.Status != 401 || res.JSON()["code"] != "token_not_valid" {
			t.Fatalf("reused refresh: %d %s", res.Status, res.Body)
		}
		if res := anon.Do("POST", "/api/token/refresh/", map[string]string{"refresh": newRefresh}); res.Status != 401 {
			t.Fatalf("refresh of a revoked family: %d %s", res.Status, res.Body)
		}
		c := e.Anon()
		c.Token = newAccess
		if res := c.Do("GET", "/users/me/", nil); res.Status != 401 {
			t.Fatalf("access token of a revoked family: %d %s", res.Status, res.Body)
		}

		// Logout (blacklist) ends a fresh sign-in at once.
		c = e.Login("drkim", apitest.Password)
		res = anon.Do("POST", "/api/token/", map[string]string{"username": "drkim", "password": apitest.Password})
		p2 := res.JSON()
		c.Token = p2["access"].(string)
		if res := c.Do("GET", "/users/me/", nil); res.Status != 200 || res.JSON()["username"] != "drkim" {
			t.Fatalf("me: %d %s", res.Status, res.Body)
		}
		if res := anon.Do("POST", "/api/token/blacklist/", map[string]string{"refresh": p2["refresh"].(string)}); res.Status != 200 {
			t.Fatalf("blacklist: %d %s", res.Status, res.Body)
		}
		if res := c.Do("GET", "/users/me/", nil); res.Status != 401 {
			t.Fatalf("access after logout: %d %s", res.Status, res.Body)
		}
		if res := anon.Do("POST", "/api/token/verify/", map[string]string{"token": p2["refresh"].(string)}); res.Status != 401 {
			t.Fatalf("verify of a blacklisted refresh token: %d", res.Status)
		}
	})
}

func TestForgedAndMisusedTokensAreRefused(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		id := e.User(auth.RoleNurse, "nurseamy")
		res := e.Anon().Do("POST", "/api/token/", map[string]string{"username": "nurseamy", "password": apitest.Password})
		pair := res.JSON()
		refresh := pair["refresh"].(string)
		now := time.Now()
		base := jwt.MapClaims{"token_type": "access", "user_id": strconv.FormatInt(id, 10), "jti": "x1", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}

		none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, base).SignedString(jwt.UnsafeAllowNoneSignatureType)
		wrongKey, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, base).SignedString([]byte("not-the-key-not-the-key-not-the-key"))
		cases := map[string]string{
			"alg none":          none,
			"wrong signature":   wrongKey,
			"refresh as access": refresh,
			"garbage":           "abc.def.ghi",
			"expired":           expired(t, e, id),
		}
		for name, tok := range cases {
			c := e.Anon()
			c.Token = tok
			res := c.Do("GET", "/users/me/", nil)
			if res.Status != 401 || res.Header.Get("WWW-Authenticate") != `Bearer realm="api"` {
				t.Errorf("%s: status %d, WWW-Authenticate %q; want 401 with the Bearer challenge", name, res.Status, res.Header.Get("WWW-Authenticate"))
			}
		}
		// HTTP Basic is not accepted: the request is anonymous.
		c := e.Anon()
		c.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("nurseamy:"+apitest.Password)))
		if res := c.Do("GET", "/users/me/", nil); res.Status != 401 || res.JSON()["detail"] != "Authentication credentials were not provided." {
			t.Fatalf("HTTP Basic: %d %s", res.Status, res.Body)
		}
	})
}

// expired signs a pair whose access token expired a minute ago, using the server's key.
func expired(t *testing.T, e *apitest.Env, userID int64) string {
	t.Helper()
	tk := identity.NewTokens(e.App.Config.SecretKey, -time.Minute, time.Hour)
	p, err := tk.IssueForTest(context.Background(), e.App.DB, userID)
	if err != nil {
		t.Fatal(err)
	}
	return p.Access
}
