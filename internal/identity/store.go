package identity

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
)

const userColumns = `u.id, u.username, u.password, u.email, u.first_name, u.last_name, u.phone, u.gender, u.role,
	COALESCE(u.department_id, 0), COALESCE(d.name, ''), u.is_superuser, u.is_active, u.date_joined, u.last_login, u.password_changed_at`

const userFrom = ` FROM users u LEFT JOIN departments d ON d.id = u.department_id`

func scanUser(row interface{ Scan(...any) error }) (User, error) {
	var u User
	var role string
	var lastLogin, pwChanged sql.NullTime
	err := row.Scan(&u.ID, &u.Username, &u.Password, &u.Email, &u.FirstName, &u.LastName, &u.Phone, &u.Gender, &role,
		&u.DepartmentID, &u.DepartmentName, &u.IsSuperuser, &u.IsActive, &u.DateJoined, &lastLogin, &pwChanged)
	u.Role = auth.Role(role)
	if lastLogin.Valid {
		t := lastLogin.Time.UTC()
		u.LastLogin = &t
	}
	if pwChanged.Valid {
		t := pwChanged.Time.UTC()
		u.PasswordChangedAt = &t
	}
	u.DateJoined = u.DateJoined.UTC()
	return u, err
}

func userByID(ctx context.Context, q db.Querier, id int64) (User, error) {
	return scanUser(q.QueryRow(ctx, "SELECT "+userColumns+userFrom+" WHERE u.id = ?", id))
}

// userByLogin finds the account for a sign-in name: a username, or else an email. Two
// accounts can never share an email (unique index), so the email lookup is unambiguous.
func userByLogin(ctx context.Context, q db.Querier, login string) (User, error) {
	u, err := scanUser(q.QueryRow(ctx, "SELECT "+userColumns+userFrom+" WHERE "+usernameMatch(q), login))
	if db.IsNoRows(err) && strings.Contains(login, "@") {
		return scanUser(q.QueryRow(ctx, "SELECT "+userColumns+userFrom+" WHERE u.email_key = ?", strings.ToLower(login)))
	}
	return u, err
}

// usernameMatch compares usernames case-insensitively, using the unique index.
func usernameMatch(q db.Querier) string {
	if q.Dialect() == db.Postgres {
		return "LOWER(u.username) = LOWER(?)"
	}
	return "u.username = ?"
}

func insertUser(ctx context.Context, q db.Querier, u *User) error {
	now := db.Now()
	u.DateJoined = now
	id, err := q.InsertID(ctx, `INSERT INTO users (username, password, email, email_key, first_name, last_name, phone, gender, role,
		department_id, is_superuser, is_active, date_joined, password_changed_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.Username, u.Password, u.Email, emailKey(u.Email), u.FirstName, u.LastName, u.Phone, u.Gender, string(u.Role),
		nullID(u.DepartmentID), u.IsSuperuser, u.IsActive, now, now, now)
	u.ID = id
	return err
}

func updateUser(ctx context.Context, q db.Querier, u *User) error {
	_, err := q.Exec(ctx, `UPDATE users SET username = ?, email = ?, email_key = ?, first_name = ?, last_name = ?, phone = ?,
		gender = ?, role = ?, department_id = ?, is_superuser = ?, is_active = ?, updated_at = ? WHERE id = ?`,
		u.Username, u.Email, emailKey(u.Email), u.FirstName, u.LastName, u.Phone, u.Gender, string(u.Role),
		nullID(u.DepartmentID), u.IsSuperuser, u.IsActive, db.Now(), u.ID)
	return err
}

func setPassword(ctx context.Context, q db.Querier, id int64, hash string, changed bool) error {
	if !changed {
		// a rehash of the same password (argon2id upgrade) is not a password change
		_, err := q.Exec(ctx, "UPDATE users SET password = ? WHERE id = ?", hash, id)
		return err
	}
	now := db.Now()
	_, err := q.Exec(ctx, "UPDATE users SET password = ?, password_changed_at = ?, updated_at = ? WHERE id = ?", hash, now, now, id)
	return err
}

func touchLastLogin(ctx context.Context, q db.Querier, id int64, at time.Time) error {
	_, err := q.Exec(ctx, "UPDATE users SET last_login = ? WHERE id = ?", at, id)
	return err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func departmentExists(ctx context.Context, q db.Querier, id int64) (bool, error) {
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM departments WHERE id = ?", id).Scan(&n)
	return n > 0, err
}

// departmentRef is a department as the account pages name it.
type departmentRef struct {
	ID   int64
	Name string
}

// maxDepartmentChoices bounds the department list of the account forms; a hospital
// has tens of departments, so the bound is never reached in practice.
const maxDepartmentChoices = 500

// departmentRefs lists the departments by name for the account forms and filters.
func departmentRefs(ctx context.Context, q db.Querier) ([]departmentRef, error) {
	rows, err := q.Query(ctx, "SELECT id, name FROM departments ORDER BY name, id LIMIT ?", maxDepartmentChoices)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []departmentRef
	for rows.Next() {
		var d departmentRef
		if err := rows.Scan(&d.ID, &d.Name); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func doctorProfile(ctx context.Context, q db.Querier, userID int64) (*DoctorProfile, error) {
	var p DoctorProfile
	err := q.QueryRow(ctx, "SELECT specialization, license_number, years_of_experience FROM doctor_profiles WHERE user_id = ?", userID).
		Scan(&p.Specialization, &p.LicenseNumber, &p.YearsOfExperience)
	if db.IsNoRows(err) {
		return nil, nil
	}
	return &p, err
}

func nurseProfile(ctx context.Context, q db.Querier, userID int64) (*NurseProfile, error) {
	var p NurseProfile
	err := q.QueryRow(ctx, "SELECT specialization, license_number FROM nurse_profiles WHERE user_id = ?", userID).
		Scan(&p.Specialization, &p.LicenseNumber)
	if db.IsNoRows(err) {
		return nil, nil
	}
	return &p, err
}

func saveDoctorProfile(ctx context.Context, q db.Querier, userID int64, p DoctorProfile) error {
	res, err := q.Exec(ctx, "UPDATE doctor_profiles SET specialization = ?, license_number = ?, years_of_experience = ? WHERE user_id = ?",
		p.Specialization, p.LicenseNumber, p.YearsOfExperience, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	_, err = q.InsertID(ctx, "INSERT INTO doctor_profiles (user_id, specialization, license_number, years_of_experience) VALUES (?, ?, ?, ?)",
		userID, p.Specialization, p.LicenseNumber, p.YearsOfExperience)
	return err
}

func saveNurseProfile(ctx context.Context, q db.Querier, userID int64, p NurseProfile) error {
	res, err := q.Exec(ctx, "UPDATE nurse_profiles SET specialization = ?, license_number = ? WHERE user_id = ?",
		p.Specialization, p.LicenseNumber, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	_, err = q.InsertID(ctx, "INSERT INTO nurse_profiles (user_id, specialization, license_number) VALUES (?, ?, ?)",
		userID, p.Specialization, p.LicenseNumber)
	return err
}
