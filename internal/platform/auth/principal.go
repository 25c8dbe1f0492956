// Package auth holds the roles, the permission policy, and the signed-in principal that
// every API route and page is checked against.
package auth

import "context"

// Role is a user's one role.
type Role string

const (
	RoleAdmin         Role = "admin"
	RoleHospitalAdmin Role = "hospital_admin"
	RoleDoctor        Role = "doctor"
	RoleNurse         Role = "nurse"
	RolePharmacist    Role = "pharmacist"
	RoleBilling       Role = "billing"
	RoleLabTech       Role = "lab_tech"
	RoleImagingTech   Role = "imaging_tech"
	RolePatient       Role = "patient"
)

// Roles lists every role, in the order the UI shows them.
var Roles = []Role{RoleAdmin, RoleHospitalAdmin, RoleDoctor, RoleNurse, RolePharmacist, RoleBilling, RoleLabTech, RoleImagingTech, RolePatient}

// Valid reports whether r is one of the nine roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Principal is the authenticated caller.
type Principal struct {
	UserID       int64
	Username     string
	Role         Role
	Superuser    bool
	DepartmentID int64 // 0 when none
	// Method is how the caller authenticated: "bearer" or "session".
	Method string
	// SessionID identifies the web session (Method "session").
	SessionID string
	// CSRFToken is the session's form token (Method "session").
	CSRFToken string
	// TokenFamily is the API sign-in the access token belongs to (Method "bearer").
	TokenFamily string
}

// FullAccess reports whether the principal bypasses the role table (superuser or admin).
func (p *Principal) FullAccess() bool {
	return p != nil && (p.Superuser || p.Role == RoleAdmin)
}

type ctxKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// FromContext returns the principal of the request, or nil when anonymous.
func FromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(ctxKey{}).(*Principal)
	return p
}
