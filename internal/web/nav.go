package web

import (
	"strings"

	"healthsynx/internal/platform/auth"
)

// navByRole is each role's navigation; modules add their pages here as they land.
var navByRole = map[auth.Role][]NavItem{}

// AddNav appends a link to the navigation of the given roles (admin always sees it).
func AddNav(label, href string, roles ...auth.Role) {
	seen := map[auth.Role]bool{}
	for _, r := range append(roles, auth.RoleAdmin) {
		if seen[r] {
			continue
		}
		seen[r] = true
		navByRole[r] = append(navByRole[r], NavItem{Label: label, Href: href})
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
	items = append(items, navByRole[role]...)
	out := make([]NavItem, len(items))
	for i, it := range items {
		it.Current = it.Href == current || (it.Href != "/app/" && strings.HasPrefix(current, it.Href))
		out[i] = it
	}
	return out
}
