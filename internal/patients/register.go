package patients

import (
	"context"
	"errors"
	"slices"
	"strings"

	"healthsynx/internal/audit"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
)

// Registration creates the patient's account and profile in one transaction, with its
// audit event: there is never an account without a profile (B-23). The three paths
// differ only in what they require:
//
//   - the desk (E-28, E-12, the register page): first and last name; the username is
//     made from the name when none is given (W-10); without a password the account has
//     an unusable one until the desk or the patient sets one — never a default
//     password;
//   - public sign-up (E-5): a username and a password under the password rules.

// Registration is the body of POST /users/register/patient/ (E-12): the patient's
// details, with the original's password, role and department.
type Registration struct {
	PatientInput
	// Password is optional: without one the account cannot sign in until one is set.
	Password *string `json:"password"`
	// Role may only be "patient" (the original required it); any other is refused.
	Role *string `json:"role"`
	// Department is accepted and ignored: patients belong to no department.
	Department *int64 `json:"department"`
}

// SignUp is the body of the public POST /register/ (E-5), which creates patient
// accounts only (B-2).
type SignUp struct {
	Username *string `json:"username"`
	Password *string `json:"password"`
	// Role may only be "patient" (B-2); absent means patient.
	Role *string `json:"role"`
	// Department is accepted and ignored.
	Department *int64   `json:"department"`
	Email      *string  `json:"email"`
	FirstName  *string  `json:"first_name"`
	LastName   *string  `json:"last_name"`
	Gender     *string  `json:"gender"`
	Sex        *string  `json:"sex"`
	DOB        DOBInput `json:"dob,omitzero"`
	Phone      *string  `json:"phone"`
}

// MsgPatientsOnly refuses a role other than patient on the registration paths.
const MsgPatientsOnly = "Only patient accounts can be registered here."

// checkRole refuses any role but patient.
func checkRole(f errs.Fields, role *string) {
	if role == nil {
		return
	}
	if r := strings.TrimSpace(*role); r != "" && auth.Role(r) != auth.RolePatient {
		f.Add("role", MsgPatientsOnly)
	}
}

// newPatient is one request to register a patient.
type newPatient struct {
	in       PatientInput
	password *string
	// self is public sign-up: a username and a password are required, names are not.
	self bool
	role *string
}

// Register registers a patient at the desk (E-28, E-12, the register page).
func (s *Service) Register(ctx context.Context, c Caller, in Registration) (Patient, error) {
	return s.register(ctx, c, newPatient{in: in.PatientInput, password: in.Password, role: in.Role})
}

// SignUp registers a patient who signs themselves up (E-5).
func (s *Service) SignUp(ctx context.Context, c Caller, in SignUp) (Patient, error) {
	pi := PatientInput{Username: in.Username, Email: in.Email, FirstName: in.FirstName, LastName: in.LastName,
		Gender: in.Gender, Sex: in.Sex, DOB: in.DOB, Phone: in.Phone}
	return s.register(ctx, c, newPatient{in: pi, password: in.Password, self: true, role: in.Role})
}

// maxUsernameTries bounds the generated usernames tried before giving up; with four
// random characters from 62 a second try almost never fails.
const maxUsernameTries = 10

// errNameTaken asks for another generated username.
var errNameTaken = errors.New("generated username taken")

func (s *Service) register(ctx context.Context, c Caller, r newPatient) (Patient, error) {
	f := errs.Fields{}
	d := newDetails()
	r.in.apply(&d, creating, !r.self, s.today(), f)
	checkRole(f, r.role)
	if r.self {
		if d.Username == "" && !f.Has("username") {
			f.Add("username", valid.MsgRequired)
		}
		if r.password == nil || *r.password == "" {
			f.Add("password", valid.MsgRequired)
		}
	}
	generated := d.Username == ""
	base := usernameBase(d.FirstName, d.LastName)
	username := d.Username
	if generated {
		username = base
	}
	var out Patient
	for range maxUsernameTries {
		err := s.DB.InTx(ctx, func(tx *db.Tx) error {
			var err error
			out, err = s.create(ctx, tx, c, r, d, username, generated, f)
			return err
		})
		if !errors.Is(err, errNameTaken) {
			return out, errs.Wrap("patients.Register", err)
		}
		username = withSuffix(base)
	}
	return out, errs.E(errs.Conflict, "No free username was found for this name; give one.")
}

// create is one attempt at a registration inside tx. Every field error — the
// profile's, the account's and the uniqueness checks — is reported at once.
func (s *Service) create(ctx context.Context, tx *db.Tx, c Caller, r newPatient, d details, username string, generated bool, mine errs.Fields) (Patient, error) {
	f := errs.Fields{}
	for k, v := range mine {
		f[k] = slices.Clone(v)
	}
	// A generated username is checked by trying it (below); d.Username is the client's.
	if err := checkUnique(ctx, tx, 0, d, f); err != nil {
		return Patient{}, err
	}
	gender := d.Gender
	if f.Has("sex") || f.Has("gender") {
		gender = "unknown" // already refused, under the name the client used
	}
	u, err := s.Identity.CreatePatientAccount(ctx, tx, identity.AccountInput{Username: &username, Password: r.password,
		Email: &d.Email, FirstName: &d.FirstName, LastName: &d.LastName, Phone: &d.Phone, Gender: &gender})
	var fe *errs.Error
	if errors.As(err, &fe) && fe.Kind == errs.Invalid && len(fe.Fields) > 0 {
		if generated && slices.Contains(fe.Fields["username"], identity.MsgUsernameTaken) {
			delete(fe.Fields, "username")
			if len(fe.Fields) == 0 && len(f) == 0 {
				return Patient{}, errNameTaken
			}
		}
		// The same rules run on both sides: keep one message per field.
		for k, v := range fe.Fields {
			if !f.Has(k) {
				f[k] = v
			}
		}
	} else if err != nil {
		return Patient{}, err
	}
	if err := f.Err(); err != nil {
		return Patient{}, err
	}
	mrn, err := newMRN(u.ID)
	if err != nil {
		return Patient{}, err
	}
	if err := insertProfile(ctx, tx, u.ID, mrn, d, actorID(c)); err != nil {
		return Patient{}, duplicate(err)
	}
	p, err := getPatient(ctx, tx, u.ID, false)
	if err != nil {
		return p, err
	}
	how := "registered at the desk"
	if r.self {
		how = "self-registered"
	}
	return p, s.record(ctx, tx, c, audit.ActionCreate, u.ID, how+", MRN "+mrn)
}
