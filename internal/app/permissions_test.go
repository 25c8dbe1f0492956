package app_test

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
)

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// lastRoutes end the caller's sign-in, so they run after every other route.
func endsSignIn(r web.Route) bool {
	return strings.Contains(r.Path, "logout") || strings.Contains(r.Path, "blacklist")
}

// TestEveryRouteEnforcesThePolicy sends a request to every registered route as an
// anonymous caller and as each of the nine roles, and compares the answer with the
// policy: a caller the policy refuses gets 401 (anonymous; a page redirects to the login
// page) or 403, and a caller it allows never does. Ids in paths name no existing record,
// so object-level rules answer 404, not 403.
func TestEveryRouteEnforcesThePolicy(t *testing.T) {
	e := apitest.New(t, "sqlite")
	clients := map[auth.Role]*apitest.Client{}
	principals := map[auth.Role]*auth.Principal{}
	for _, r := range auth.Roles {
		clients[r] = e.As(r, "u_"+string(r))
		principals[r] = &auth.Principal{Role: r, Superuser: r == auth.RoleAdmin}
	}
	routes := e.App.Router.Routes()
	sort.SliceStable(routes, func(i, j int) bool { return !endsSignIn(routes[i]) && endsSignIn(routes[j]) })
	if len(routes) < 20 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	for _, rt := range routes {
		path := pathParam.ReplaceAllStringFunc(rt.Path, func(p string) string {
			if strings.HasSuffix(p, "...}") {
				return "app.css"
			}
			return "999999"
		})
		var body any
		if rt.Method != "GET" && rt.Method != "DELETE" {
			body = map[string]any{}
		}
		name := rt.Method + " " + rt.Path
		res := e.Anon().Do(rt.Method, path, body)
		switch {
		case rt.Perm == auth.Public:
			if res.Status == 401 || res.Status == 403 {
				t.Errorf("%s is public but refused anonymous: %d", name, res.Status)
			}
		case rt.Page:
			if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login/") {
				t.Errorf("%s (page) anonymous: %d %s; want 303 to the login page", name, res.Status, res.Header.Get("Location"))
			}
		default:
			if res.Status != 401 {
				t.Errorf("%s anonymous: %d; want 401", name, res.Status)
			}
		}
		if rt.Perm == auth.Public {
			continue
		}
		for _, role := range auth.Roles {
			res := clients[role].Do(rt.Method, path, body)
			allowed := auth.Allows(principals[role], rt.Perm)
			refused := res.Status == 401 || res.Status == 403
			if allowed && refused {
				t.Errorf("%s as %s: %d %s; the policy allows it", name, role, res.Status, res.Body)
			}
			if !allowed && res.Status != 403 {
				t.Errorf("%s as %s: %d; want 403 (policy refuses)", name, role, res.Status)
			}
		}
	}
}
