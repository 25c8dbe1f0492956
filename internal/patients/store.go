package patients

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/web"
)

// A patient is a row of patient_profiles and the patient's account, a row of users
// with the same id. The account is created by the identity module inside the
// registration's transaction; its names and contact details are demographics, so an
// update writes them here, in the same transaction as the profile and the search keys
// made from them.

const patientColumns = `u.id, u.username, u.email, u.first_name, u.last_name, u.is_active, u.date_joined, u.phone, u.gender,
	p.mrn, p.dob, p.national_id, p.address, p.next_of_kin_name, p.next_of_kin_phone, p.next_of_kin_relationship,
	p.patient_type, p.archived_at, p.archived_by, p.archive_reason`

const patientFrom = " FROM patient_profiles p JOIN users u ON u.id = p.user_id"

func scanPatient(row interface{ Scan(...any) error }) (Patient, error) {
	var p Patient
	var dob, archivedAt sql.NullTime
	var archivedBy sql.NullInt64
	var reason string
	err := row.Scan(&p.ID, &p.Username, &p.Email, &p.FirstName, &p.LastName, &p.IsActive, &p.JoinedAt, &p.Phone, &p.Gender,
		&p.MRN, &dob, &p.NationalID, &p.Address, &p.NextOfKin.Name, &p.NextOfKin.Phone, &p.NextOfKin.Relationship,
		&p.PatientType, &archivedAt, &archivedBy, &reason)
	if err != nil {
		return p, err
	}
	p.FullName = fullName(p.FirstName, p.LastName, p.Username)
	p.JoinedAt = p.JoinedAt.UTC()
	p.DateJoined = web.Time(p.JoinedAt)
	if dob.Valid {
		y, m, d := dob.Time.Date()
		p.DOB = &Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
	}
	if archivedAt.Valid {
		at := archivedAt.Time.UTC()
		p.Archived, p.ArchivedAt = true, &at
		p.Archive = &Archive{At: web.Time(at), Reason: reason}
		if archivedBy.Valid {
			p.Archive.By = &archivedBy.Int64
		}
	}
	return p, nil
}

// getPatient reads one patient, archived or not; lock holds the rows until the
// transaction q ends.
func getPatient(ctx context.Context, q db.Querier, id int64, lock bool) (Patient, error) {
	query := "SELECT " + patientColumns + patientFrom + " WHERE p.user_id = ?"
	if lock {
		query += db.ForUpdate(q)
	}
	return scanPatient(q.QueryRow(ctx, query, id))
}

// dateArg stores a date of birth as a date at midnight UTC, or NULL.
func dateArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func insertProfile(ctx context.Context, q db.Querier, id int64, mrn string, d details, registeredBy int64) error {
	now := db.Now()
	_, err := q.Exec(ctx, `INSERT INTO patient_profiles (user_id, mrn, dob, national_id, national_id_key, address,
		next_of_kin_name, next_of_kin_phone, next_of_kin_relationship, patient_type, first_key, last_key, phone_key,
		registered_by, archived_at, archived_by, archive_reason, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, '', ?, ?)`,
		id, mrn, dateArg(d.DOB), d.NationalID, nationalIDKey(d.NationalID), d.Address,
		d.NextOfKin.Name, d.NextOfKin.Phone, d.NextOfKin.Relationship, d.PatientType,
		nameKey(d.FirstName), nameKey(d.LastName), phoneKey(d.Phone), nullID(registeredBy), now, now)
	return err
}

func updateProfile(ctx context.Context, q db.Querier, id int64, d details) error {
	_, err := q.Exec(ctx, `UPDATE patient_profiles SET dob = ?, national_id = ?, national_id_key = ?, address = ?,
		next_of_kin_name = ?, next_of_kin_phone = ?, next_of_kin_relationship = ?, patient_type = ?,
		first_key = ?, last_key = ?, phone_key = ?, updated_at = ? WHERE user_id = ?`,
		dateArg(d.DOB), d.NationalID, nationalIDKey(d.NationalID), d.Address,
		d.NextOfKin.Name, d.NextOfKin.Phone, d.NextOfKin.Relationship, d.PatientType,
		nameKey(d.FirstName), nameKey(d.LastName), phoneKey(d.Phone), db.Now(), id)
	return err
}

// updateAccount writes the demographic columns of the patient's account. email_key is
// the identity module's uniqueness key: the lower-cased email, NULL when there is none.
func updateAccount(ctx context.Context, q db.Querier, id int64, d details) error {
	var emailKey any
	if d.Email != "" {
		emailKey = strings.ToLower(d.Email)
	}
	_, err := q.Exec(ctx, `UPDATE users SET username = ?, email = ?, email_key = ?, first_name = ?, last_name = ?,
		phone = ?, gender = ?, updated_at = ? WHERE id = ?`,
		d.Username, d.Email, emailKey, d.FirstName, d.LastName, d.Phone, d.Gender, db.Now(), id)
	return err
}

// exists reports whether the query finds a row.
func exists(ctx context.Context, q db.Querier, query string, args ...any) (bool, error) {
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM ("+query+") t", args...).Scan(&n)
	return n > 0, err
}

// usernameMatch compares usernames as their unique index does: regardless of case
// (PostgreSQL indexes LOWER(username); the other engines' column collation ignores case).
func usernameMatch(q db.Querier) string {
	if q.Dialect() == db.Postgres {
		return "LOWER(u.username) = LOWER(?)"
	}
	return "u.username = ?"
}

func usernameTaken(ctx context.Context, q db.Querier, username string, except int64) (bool, error) {
	return exists(ctx, q, "SELECT u.id FROM users u WHERE "+usernameMatch(q)+" AND u.id <> ?", username, except)
}

func emailTaken(ctx context.Context, q db.Querier, email string, except int64) (bool, error) {
	if email == "" {
		return false, nil
	}
	return exists(ctx, q, "SELECT id FROM users WHERE email_key = ? AND id <> ?", strings.ToLower(email), except)
}

func nationalIDTaken(ctx context.Context, q db.Querier, nationalID string, except int64) (bool, error) {
	key := nationalIDKey(nationalID)
	if key == nil {
		return false, nil
	}
	return exists(ctx, q, "SELECT user_id FROM patient_profiles WHERE national_id_key = ? AND user_id <> ?", key, except)
}

// archive marks a live patient archived (the caller has locked and checked the row).
func archive(ctx context.Context, q db.Querier, id, by int64, reason string) error {
	now := db.Now()
	_, err := q.Exec(ctx, `UPDATE patient_profiles SET archived_at = ?, archived_by = ?, archive_reason = ?, updated_at = ?
		WHERE user_id = ? AND archived_at IS NULL`, now, nullID(by), reason, now, id)
	return err
}

// restore brings an archived patient back; false when id is not an archived patient.
func restore(ctx context.Context, q db.Querier, id int64) (bool, error) {
	res, err := q.Exec(ctx, `UPDATE patient_profiles SET archived_at = NULL, archived_by = NULL, archive_reason = '', updated_at = ?
		WHERE user_id = ? AND archived_at IS NOT NULL`, db.Now(), id)
	return affected(res, err)
}

func affected(res sql.Result, err error) (bool, error) {
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
