// Package identity manages accounts, the nine roles, staff profiles, sign-in (API tokens
// and web sessions), login throttling and the self-service profile.
package identity

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
)

// User is an account. Password holds the encoded hash and never leaves this package.
type User struct {
	ID                int64
	Username          string
	Password          string
	Email             string
	FirstName         string
	LastName          string
	Phone             string
	Gender            string
	Role              auth.Role
	DepartmentID      int64 // 0 when none
	DepartmentName    string
	IsSuperuser       bool
	IsActive          bool
	DateJoined        time.Time
	LastLogin         *time.Time
	PasswordChangedAt *time.Time
}

// FullName is "First Last", or the username when both names are blank (the original's
// patient_name rule).
func (u *User) FullName() string {
	n := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if n == "" {
		return u.Username
	}
	return n
}

// Principal is the auth view of the user.
func (u *User) Principal(method, sessionID string) *auth.Principal {
	return &auth.Principal{UserID: u.ID, Username: u.Username, Role: u.Role, Superuser: u.IsSuperuser,
		DepartmentID: u.DepartmentID, Method: method, SessionID: sessionID}
}

// IsStaff reports a role that works in the hospital (every role but patient).
func IsStaff(r auth.Role) bool { return r != auth.RolePatient && r.Valid() }

// Genders accepted for an account.
var Genders = []string{"male", "female", "other", "unknown"}

// Messages of the original (Django) for account fields.
const (
	MsgUsernameChars = "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."
	MsgUsernameTaken = "A user with that username already exists."
	MsgEmailTaken    = "A user with that email already exists."
	MsgLicenseTaken  = "doctor profile with this license number already exists."
	usernameMax      = 150
)

// ValidUsername applies the original's rule: letters (any script), digits and @ . + - _.
func ValidUsername(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("@.+-_", r)) {
			return false
		}
	}
	return true
}

// checkUsername validates a username field.
func checkUsername(f errs.Fields, p *string) string {
	s := valid.RequiredString(f, "username", p, usernameMax)
	if s != "" && !ValidUsername(s) {
		f.Add("username", MsgUsernameChars)
	}
	return s
}

// emailKey is the value the uniqueness index sees: lower-cased, NULL when empty.
func emailKey(email string) any {
	if email == "" {
		return nil
	}
	return strings.ToLower(email)
}

// UserMini is the original's user mini-representation (E-10, E-18, E-25, E-36).
// department_name is left out, not null, when the user has no department, as DRF did.
type UserMini struct {
	ID             int64     `json:"id"`
	Username       string    `json:"username"`
	Email          string    `json:"email"`
	Role           auth.Role `json:"role"`
	DepartmentName string    `json:"department_name,omitempty"`
}

// Mini returns the mini-representation of u.
func (u *User) Mini() UserMini {
	return UserMini{ID: u.ID, Username: u.Username, Email: u.Email, Role: u.Role, DepartmentName: u.DepartmentName}
}

// DoctorProfile is the professional record of a doctor.
type DoctorProfile struct {
	Specialization    string `json:"specialization"`
	LicenseNumber     string `json:"license_number"`
	YearsOfExperience int    `json:"years_of_experience"`
}

// NurseProfile is the professional record of a nurse.
type NurseProfile struct {
	Specialization string `json:"specialization"`
	LicenseNumber  string `json:"license_number"`
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
