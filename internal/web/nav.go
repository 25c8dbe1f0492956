package web

import (
	"slices"
	"strings"
	"sync"

	"healthsynx/internal/platform/auth"
)

// navByRole is each role's navigation; modules add their pages here as they land.
// Modules add links while the application is built, which tests do while other
// applications serve requests: navMu keeps the map consistent.
var (
	navMu     sync.RWMutex
	navByRole = map[auth.Role][]NavItem{}
)

// AddNav appends a link to the navigation of the given roles (admin always sees it).
// A role that already has a link to href keeps it as it is, so that building the
// application twice in one process (as tests do) does not show a link twice.
func AddNav(label, href string, roles ...auth.Role) {
	navMu.Lock()
	defer navMu.Unlock()
	for _, r := range append(roles, auth.RoleAdmin) {
		if !slices.ContainsFunc(navByRole[r], func(it NavItem) bool { return it.Href == href }) {
			navByRole[r] = append(navByRole[r], NavItem{Label: label, Href: href})
		}
	}
}

// NavFor returns the navigation of p's role with the current page marked.
func NavFor(p *auth.Principal, current string) []NavItem {
	if p == nil {
		return nil
	}
	role := p.Role
	if p.Superuser {
		role = auth.RoleAdmin
	}
	items := []NavItem{{Label: "Dashboard", Href: "/app/"}}
	navMu.RLock()
	items = append(items, navByRole[role]...)
	navMu.RUnlock()
	out := make([]NavItem, len(items))
	for i, it := range items {
		it.Current = it.Href == current || (it.Href != "/app/" && strings.HasPrefix(current, it.Href))
		out[i] = it
	}
	return out
}
