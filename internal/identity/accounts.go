package identity

import (
	"context"
	"strings"
	"time"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/auth/password"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
	"healthsynx/internal/platform/web"
)

// AccountInput is the writable part of an account; nil fields were absent. is_active,
// date_joined and is_superuser are never writable through it (B-14).
type AccountInput struct {
	Username   *string `json:"username"`
	Password   *string `json:"password"`
	Email      *string `json:"email"`
	FirstName  *string `json:"first_name"`
	LastName   *string `json:"last_name"`
	Phone      *string `json:"phone"`
	Gender     *string `json:"gender"`
	Role       *string `json:"role"`
	Department *int64  `json:"department"`
	// Profile fields for doctors and nurses.
	Specialization    *string `json:"specialization"`
	LicenseNumber     *string `json:"license_number"`
	YearsOfExperience *int    `json:"years_of_experience"`
}

// SelfInput is what any user may change on their own account.
type SelfInput struct {
	Email     *string `json:"email"`
	FirstName *string `json:"first_name"`
	LastName  *string `json:"last_name"`
	Phone     *string `json:"phone"`
	Gender    *string `json:"gender"`
}

// Account is the full representation of an account for staff management and /users/me/.
type Account struct {
	ID             int64          `json:"id"`
	Username       string         `json:"username"`
	Email          string         `json:"email"`
	FirstName      string         `json:"first_name"`
	LastName       string         `json:"last_name"`
	FullName       string         `json:"full_name"`
	Phone          string         `json:"phone"`
	Gender         string         `json:"gender"`
	Role           auth.Role      `json:"role"`
	Department     *int64         `json:"department"`
	DepartmentName string         `json:"department_name,omitempty"`
	IsActive       bool           `json:"is_active"`
	IsSuperuser    bool           `json:"is_superuser"`
	DateJoined     string         `json:"date_joined"`
	LastLogin      *string        `json:"last_login"`
	Doctor         *DoctorProfile `json:"doctor_profile,omitempty"`
	Nurse          *NurseProfile  `json:"nurse_profile,omitempty"`
	// The same times for the pages, which format them for people.
	JoinedAt    time.Time  `json:"-"`
	LastLoginAt *time.Time `json:"-"`
}

func (s *Service) account(ctx context.Context, q db.Querier, u User) (Account, error) {
	a := Account{ID: u.ID, Username: u.Username, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName,
		FullName: u.FullName(), Phone: u.Phone, Gender: u.Gender, Role: u.Role, DepartmentName: u.DepartmentName,
		IsActive: u.IsActive, IsSuperuser: u.IsSuperuser, DateJoined: web.Time(u.DateJoined),
		JoinedAt: u.DateJoined, LastLoginAt: u.LastLogin}
	if u.DepartmentID != 0 {
		d := u.DepartmentID
		a.Department = &d
	}
	if u.LastLogin != nil {
		t := web.Time(*u.LastLogin)
		a.LastLogin = &t
	}
	var err error
	switch u.Role {
	case auth.RoleDoctor:
		a.Doctor, err = doctorProfile(ctx, q, u.ID)
	case auth.RoleNurse:
		a.Nurse, err = nurseProfile(ctx, q, u.ID)
	}
	return a, err
}

// checkPassword applies the password rules for user u; messages go under field.
func checkPassword(f errs.Fields, field, pw string, u *User) {
	for _, m := range password.Validate(pw, password.UserAttrs{Username: u.Username, FirstName: u.FirstName, LastName: u.LastName, Email: u.Email}) {
		f.Add(field, m)
	}
}

// canManage is the object rule for account management: a hospital admin may not act on
// admin or superuser accounts.
func canManage(actor *auth.Principal, target *User) bool {
	if actor.FullAccess() {
		return true
	}
	return !target.IsSuperuser && target.Role != auth.RoleAdmin
}

// applyAccount validates in onto u. creating requires the fields a new account needs.
func (s *Service) applyAccount(ctx context.Context, q db.Querier, actor *auth.Principal, u *User, in AccountInput, creating bool) (f errs.Fields, doc *DoctorProfile, nurse *NurseProfile, err error) {
	f = errs.Fields{}
	if in.Username != nil || creating {
		u.Username = checkUsername(f, in.Username)
	}
	if in.Email != nil {
		u.Email = valid.Email(f, "email", *in.Email)
	}
	if in.FirstName != nil {
		u.FirstName = valid.OptionalString(f, "first_name", in.FirstName, 150)
	}
	if in.LastName != nil {
		u.LastName = valid.OptionalString(f, "last_name", in.LastName, 150)
	}
	if in.Phone != nil {
		u.Phone = checkPhone(f, *in.Phone)
	}
	if in.Gender != nil {
		u.Gender = strings.ToLower(strings.TrimSpace(*in.Gender))
		valid.Choice(f, "gender", u.Gender, Genders)
	} else if creating {
		u.Gender = "unknown"
	}
	if in.Role != nil || creating {
		role := ""
		if in.Role != nil {
			role = strings.TrimSpace(*in.Role)
		}
		switch {
		case role == "":
			f.Add("role", valid.MsgRequired)
		case !auth.Role(role).Valid():
			f.Add("role", "\""+role+"\" is not a valid choice.")
		case auth.Role(role) == auth.RolePatient:
			f.Add("role", "Patients are registered through patient registration, not as staff.")
		case !creating && u.Role == auth.RolePatient:
			f.Add("role", "A patient account cannot be given a staff role.")
		case auth.Role(role) == auth.RoleAdmin && !actor.FullAccess():
			f.Add("role", "Only an administrator can grant the admin role.")
		default:
			u.Role = auth.Role(role)
		}
	}
	if in.Department != nil {
		if *in.Department == 0 {
			u.DepartmentID = 0
		} else if ok, err := departmentExists(ctx, q, *in.Department); err != nil {
			return f, nil, nil, err
		} else if !ok {
			f.Add("department", "Invalid pk \""+itoa(*in.Department)+"\" - object does not exist.")
		} else {
			u.DepartmentID = *in.Department
		}
	}
	if creating {
		pw := ""
		if in.Password == nil || *in.Password == "" {
			f.Add("password", valid.MsgRequired)
		} else {
			pw = *in.Password
			checkPassword(f, "password", pw, u)
		}
		if !f.Has("password") {
			h, err := password.Hash(pw)
			if err != nil {
				return f, nil, nil, err
			}
			u.Password = h
		}
	} else if in.Password != nil {
		f.Add("password", "Use the set-password action to change a password.")
	}
	doc, nurse, err = s.applyProfile(ctx, q, f, u, in)
	return f, doc, nurse, err
}

// applyProfile validates the role's profile fields: a doctor needs a specialization and
// a licence number that no other doctor has.
func (s *Service) applyProfile(ctx context.Context, q db.Querier, f errs.Fields, u *User, in AccountInput) (*DoctorProfile, *NurseProfile, error) {
	switch u.Role {
	case auth.RoleDoctor:
		cur, err := doctorProfile(ctx, q, u.ID)
		if err != nil {
			return nil, nil, err
		}
		p := DoctorProfile{}
		if cur != nil {
			p = *cur
		}
		if in.Specialization != nil || cur == nil {
			p.Specialization = valid.RequiredString(f, "specialization", in.Specialization, 100)
		}
		if in.LicenseNumber != nil || cur == nil {
			p.LicenseNumber = valid.RequiredString(f, "license_number", in.LicenseNumber, 50)
		}
		if in.YearsOfExperience != nil {
			if *in.YearsOfExperience < 0 || *in.YearsOfExperience > 70 {
				f.Add("years_of_experience", "Ensure this value is between 0 and 70.")
			}
			p.YearsOfExperience = *in.YearsOfExperience
		}
		return &p, nil, nil
	case auth.RoleNurse:
		cur, err := nurseProfile(ctx, q, u.ID)
		if err != nil {
			return nil, nil, err
		}
		p := NurseProfile{}
		if cur != nil {
			p = *cur
		}
		if in.Specialization != nil {
			p.Specialization = valid.OptionalString(f, "specialization", in.Specialization, 100)
		}
		if in.LicenseNumber != nil {
			p.LicenseNumber = valid.OptionalString(f, "license_number", in.LicenseNumber, 50)
		}
		return nil, &p, nil
	}
	return nil, nil, nil
}

func checkPhone(f errs.Fields, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+ -()", r):
		default:
			f.Add("phone", "Enter a valid phone number: digits, spaces, + - ( ) only.")
			return s
		}
	}
	if digits < 7 || len(s) > 20 {
		f.Add("phone", "Enter a valid phone number of 7 to 15 digits.")
	}
	return s
}

// saveAccount writes u (insert when ID is 0) and its profile, mapping unique violations
// to field errors.
func saveAccount(ctx context.Context, q db.Querier, u *User, doc *DoctorProfile, nurse *NurseProfile) error {
	if err := checkUnique(ctx, q, u, doc); err != nil {
		return err
	}
	var err error
	if u.ID == 0 {
		err = insertUser(ctx, q, u)
	} else {
		err = updateUser(ctx, q, u)
	}
	if db.IsUniqueViolation(err) {
		return duplicateAccount(err)
	}
	if err != nil {
		return err
	}
	if doc != nil {
		if err := saveDoctorProfile(ctx, q, u.ID, *doc); db.IsUniqueViolation(err) {
			return errs.Field("license_number", MsgLicenseTaken)
		} else if err != nil {
			return err
		}
	}
	if nurse != nil {
		return saveNurseProfile(ctx, q, u.ID, *nurse)
	}
	return nil
}

// checkUnique reports every clashing unique field at once, as a form would. The unique
// indexes stay the guard against two requests racing past this check.
func checkUnique(ctx context.Context, q db.Querier, u *User, doc *DoctorProfile) error {
	f := errs.Fields{}
	var n int
	if err := q.QueryRow(ctx, "SELECT COUNT(*) FROM users u WHERE "+usernameMatch(q)+" AND u.id <> ?", u.Username, u.ID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		f.Add("username", MsgUsernameTaken)
	}
	if key := emailKey(u.Email); key != nil {
		if err := q.QueryRow(ctx, "SELECT COUNT(*) FROM users WHERE email_key = ? AND id <> ?", key, u.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			f.Add("email", MsgEmailTaken)
		}
	}
	if doc != nil {
		if err := q.QueryRow(ctx, "SELECT COUNT(*) FROM doctor_profiles WHERE license_number = ? AND user_id <> ?", doc.LicenseNumber, u.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			f.Add("license_number", MsgLicenseTaken)
		}
	}
	return f.Err()
}

// duplicateAccount names the unique field that clashed.
func duplicateAccount(err error) error {
	if strings.Contains(db.ViolatedConstraint(err), "username") {
		return errs.Field("username", MsgUsernameTaken)
	}
	return errs.Field("email", MsgEmailTaken)
}

// CreateStaff creates a staff account with its role's profile.
func (s *Service) CreateStaff(ctx context.Context, actor *auth.Principal, in AccountInput) (Account, error) {
	var out Account
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		u := User{IsActive: true}
		var err error
		out, err = s.writeAccount(ctx, tx, actor, &u, in, true, "staff account, role "+in.roleName())
		return err
	})
	return out, errs.Wrap("identity.CreateStaff", err)
}

// writeAccount validates in onto u, stores the account and its profile, records the
// create or update in the audit log and returns the stored account, all in tx.
func (s *Service) writeAccount(ctx context.Context, tx *db.Tx, actor *auth.Principal, u *User, in AccountInput, creating bool, detail string) (Account, error) {
	f, doc, nurse, err := s.applyAccount(ctx, tx, actor, u, in, creating)
	if err != nil {
		return Account{}, err
	}
	if err := f.Err(); err != nil {
		return Account{}, err
	}
	if err := saveAccount(ctx, tx, u, doc, nurse); err != nil {
		return Account{}, err
	}
	if s.AccountChanged != nil {
		if err := s.AccountChanged(ctx, tx, u.ID); err != nil {
			return Account{}, err
		}
	}
	action := "update"
	if creating {
		action = "create"
	}
	e := actorEntry(actor, action, u.ID)
	e.detail = detail
	if err := s.audit(ctx, tx, e); err != nil {
		return Account{}, err
	}
	stored, err := userByID(ctx, tx, u.ID)
	if err != nil {
		return Account{}, err
	}
	return s.account(ctx, tx, stored)
}

// roleName is the requested role for the audit note ("" when absent).
func (in AccountInput) roleName() string {
	if in.Role == nil {
		return ""
	}
	return *in.Role
}

// GetAccount returns one account for staff management.
func (s *Service) GetAccount(ctx context.Context, actor *auth.Principal, id int64) (Account, error) {
	u, err := userByID(ctx, s.DB, id)
	if db.IsNoRows(err) {
		return Account{}, errs.E(errs.NotFound, web.MsgNotFound)
	}
	if err != nil {
		return Account{}, errs.Wrap("identity.GetAccount", err)
	}
	a, err := s.account(ctx, s.DB, u)
	return a, errs.Wrap("identity.GetAccount", err)
}

// lockTarget loads the account to change and applies the object rule.
func lockTarget(ctx context.Context, q db.Querier, actor *auth.Principal, id int64) (User, error) {
	u, err := userByID(ctx, q, id)
	if db.IsNoRows(err) {
		return u, errs.E(errs.NotFound, web.MsgNotFound)
	}
	if err != nil {
		return u, err
	}
	if !canManage(actor, &u) {
		return u, errs.E(errs.Forbidden, web.MsgForbidden)
	}
	return u, nil
}

// UpdateAccount changes an account (PATCH semantics).
func (s *Service) UpdateAccount(ctx context.Context, actor *auth.Principal, id int64, in AccountInput) (Account, error) {
	var out Account
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		u, err := lockTarget(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		out, err = s.writeAccount(ctx, tx, actor, &u, in, false, "")
		return err
	})
	return out, errs.Wrap("identity.UpdateAccount", err)
}

// SetActive activates or deactivates an account. Deactivation ends every session and
// API sign-in of the account at once; the account and everything it wrote stay.
func (s *Service) SetActive(ctx context.Context, actor *auth.Principal, id int64, active bool) (Account, error) {
	var out Account
	err := s.DB.InTx(ctx, func(tx *db.Tx) (err error) {
		out, err = s.SetActiveTx(ctx, tx, actor, id, active)
		return err
	})
	return out, errs.Wrap("identity.SetActive", err)
}

// SetActiveTx is SetActive inside the caller's transaction, for a module whose own
// change goes with it (archiving a patient deactivates their account): both commit or
// neither does.
func (s *Service) SetActiveTx(ctx context.Context, tx *db.Tx, actor *auth.Principal, id int64, active bool) (Account, error) {
	u, err := lockTarget(ctx, tx, actor, id)
	if err != nil {
		return Account{}, err
	}
	if !active && u.ID == actor.UserID {
		return Account{}, errs.E(errs.Invalid, "You cannot deactivate your own account.")
	}
	u.IsActive = active
	if err := updateUser(ctx, tx, &u); err != nil {
		return Account{}, err
	}
	action := "activate"
	if !active {
		action = "deactivate"
		if err := revokeUserTokens(ctx, tx, u.ID, "deactivated"); err != nil {
			return Account{}, err
		}
		if err := deleteUserSessions(ctx, tx, u.ID, ""); err != nil {
			return Account{}, err
		}
	}
	if err := s.audit(ctx, tx, actorEntry(actor, action, u.ID)); err != nil {
		return Account{}, err
	}
	return s.account(ctx, tx, u)
}

// ResetPassword sets a new password for another account (admin reset) and signs that
// account out everywhere.
func (s *Service) ResetPassword(ctx context.Context, actor *auth.Principal, id int64, newPassword string) error {
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		u, err := lockTarget(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		return s.changePassword(ctx, tx, actor, &u, newPassword, "password", "")
	})
	return errs.Wrap("identity.ResetPassword", err)
}

// ChangeOwnPassword checks the current password and sets a new one; the caller's other
// sessions and every API sign-in end, the current session stays.
func (s *Service) ChangeOwnPassword(ctx context.Context, p *auth.Principal, oldPassword, newPassword string) error {
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		u, err := userByID(ctx, tx, p.UserID)
		if err != nil {
			return err
		}
		if ok, _, _ := password.Verify(u.Password, oldPassword); !ok {
			return errs.Field("old_password", "Your old password was entered incorrectly. Please enter it again.")
		}
		keep := ""
		if p.Method == "session" {
			keep = p.SessionID
		}
		return s.changePassword(ctx, tx, p, &u, newPassword, "new_password", keep)
	})
	return errs.Wrap("identity.ChangeOwnPassword", err)
}

func (s *Service) changePassword(ctx context.Context, tx *db.Tx, actor *auth.Principal, u *User, pw, field, keepSession string) error {
	f := errs.Fields{}
	if pw == "" {
		f.Add(field, valid.MsgRequired)
	} else {
		checkPassword(f, field, pw, u)
	}
	if err := f.Err(); err != nil {
		return err
	}
	h, err := password.Hash(pw)
	if err != nil {
		return err
	}
	if err := setPassword(ctx, tx, u.ID, h, true); err != nil {
		return err
	}
	if err := revokeUserTokens(ctx, tx, u.ID, "password_changed"); err != nil {
		return err
	}
	if err := deleteUserSessions(ctx, tx, u.ID, keepSession); err != nil {
		return err
	}
	return s.audit(ctx, tx, actorEntry(actor, "password_change", u.ID))
}

// Me returns the caller's own account.
func (s *Service) Me(ctx context.Context, p *auth.Principal) (Account, error) {
	u, err := userByID(ctx, s.DB, p.UserID)
	if err != nil {
		return Account{}, errs.Wrap("identity.Me", err)
	}
	a, err := s.account(ctx, s.DB, u)
	return a, errs.Wrap("identity.Me", err)
}

// UpdateMe changes the caller's own contact details and names.
func (s *Service) UpdateMe(ctx context.Context, p *auth.Principal, in SelfInput) (Account, error) {
	// SelfInput carries no role, username or password, and the object rule always lets a
	// user change their own account.
	return s.UpdateAccount(ctx, p, p.UserID, AccountInput{Email: in.Email, FirstName: in.FirstName, LastName: in.LastName, Phone: in.Phone, Gender: in.Gender})
}

// System is the actor of command-line administration (createsuperuser, user …).
var System = &auth.Principal{Username: "system", Role: auth.RoleAdmin, Superuser: true, Method: "cli"}

// CreateSuperuser creates an admin account with full access.
func (s *Service) CreateSuperuser(ctx context.Context, in AccountInput) (Account, error) {
	role := string(auth.RoleAdmin)
	in.Role = &role
	var out Account
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		u := User{IsActive: true, IsSuperuser: true}
		var err error
		out, err = s.writeAccount(ctx, tx, System, &u, in, true, "superuser")
		return err
	})
	return out, errs.Wrap("identity.CreateSuperuser", err)
}

// UserIDByUsername finds an account id for the command line.
func (s *Service) UserIDByUsername(ctx context.Context, username string) (int64, error) {
	u, err := scanUser(s.DB.QueryRow(ctx, "SELECT "+userColumns+userFrom+" WHERE "+usernameMatch(s.DB), username))
	if db.IsNoRows(err) {
		return 0, errs.E(errs.NotFound, "no account with username "+username)
	}
	return u.ID, errs.Wrap("identity.UserIDByUsername", err)
}

// CreatePatientAccount creates the sign-in account of a patient inside the caller's
// transaction (the patients module adds the clinical profile in the same one). Without
// a password the account cannot sign in until one is set.
func (s *Service) CreatePatientAccount(ctx context.Context, q db.Querier, in AccountInput) (User, error) {
	u := User{IsActive: true, Role: auth.RolePatient, Gender: "unknown"}
	f := errs.Fields{}
	u.Username = checkUsername(f, in.Username)
	if in.Email != nil {
		u.Email = valid.Email(f, "email", *in.Email)
	}
	u.FirstName = valid.OptionalString(f, "first_name", in.FirstName, 150)
	u.LastName = valid.OptionalString(f, "last_name", in.LastName, 150)
	if in.Phone != nil {
		u.Phone = checkPhone(f, *in.Phone)
	}
	if in.Gender != nil {
		u.Gender = strings.ToLower(strings.TrimSpace(*in.Gender))
		valid.Choice(f, "gender", u.Gender, Genders)
	}
	u.Password = unusablePassword()
	if in.Password != nil {
		checkPassword(f, "password", *in.Password, &u)
		if !f.Has("password") {
			h, err := password.Hash(*in.Password)
			if err != nil {
				return u, err
			}
			u.Password = h
		}
	}
	if err := f.Err(); err != nil {
		return u, err
	}
	if err := saveAccount(ctx, q, &u, nil, nil); err != nil {
		return u, err
	}
	return u, nil
}

// unusablePassword is Django's marker for an account that cannot sign in with a password:
// "!" and random characters, which no hash can match.
func unusablePassword() string { return "!" + randomToken()[:40] }

// Imported is an account brought over from the original system with its password hash
// (bcrypt_sha256 or pbkdf2_sha256), which verifies and is upgraded at the next sign-in.
type Imported struct {
	Username, Email, FirstName, LastName, Phone, Gender string
	Role                                                auth.Role
	DepartmentID                                        int64
	Superuser                                           bool
	PasswordHash                                        string
	Doctor                                              *DoctorProfile
}

// ImportAccount inserts an imported account unless its username exists; it reports
// whether it inserted.
func (s *Service) ImportAccount(ctx context.Context, in Imported) (bool, error) {
	inserted := false
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := scanUser(tx.QueryRow(ctx, "SELECT "+userColumns+userFrom+" WHERE "+usernameMatch(tx), in.Username)); err == nil {
			return nil
		} else if !db.IsNoRows(err) {
			return err
		}
		u := User{Username: in.Username, Email: in.Email, FirstName: in.FirstName, LastName: in.LastName, Phone: in.Phone,
			Gender: in.Gender, Role: in.Role, DepartmentID: in.DepartmentID, IsSuperuser: in.Superuser, IsActive: true, Password: in.PasswordHash}
		if !u.Role.Valid() || !ValidUsername(u.Username) {
			return errs.E(errs.Invalid, "import: bad role or username for "+in.Username)
		}
		inserted = true
		return saveAccount(ctx, tx, &u, in.Doctor, nil)
	})
	return inserted, errs.Wrap("identity.ImportAccount", err)
}
