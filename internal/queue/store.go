package queue

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"healthsynx/internal/platform/db"
)

// The names an entry shows come from the departments and users tables, joined: a list
// is one query however long it is (B-32).
const (
	entryColumns = `q.id, q.patient_id, q.vitals_id, q.department_id, q.doctor_id, q.status, q.priority, q.urgent,
	q.created_at, q.waiting_since, q.called_at, q.completed_at, q.updated_at`
	entrySelect = "SELECT " + entryColumns + `, d.name, du.first_name, du.last_name, du.username
	FROM queue_entries q
	LEFT JOIN departments d ON d.id = q.department_id
	LEFT JOIN users du ON du.id = q.doctor_id`
	// lockSelect reads the entry alone: PostgreSQL refuses FOR UPDATE on the nullable
	// side of an outer join, and the names are not needed to decide a change.
	lockSelect = "SELECT " + entryColumns + ", NULL, NULL, NULL, NULL FROM queue_entries q"
)

func scanEntry(row interface{ Scan(...any) error }) (entry, error) {
	var e entry
	var vitalsID, deptID, doctorID sql.NullInt64
	var dept, first, last, username sql.NullString
	err := row.Scan(&e.ID, &e.PatientID, &vitalsID, &deptID, &doctorID, &e.Status, &e.Priority, &e.Urgent,
		&e.CreatedAt, &e.WaitingSince, &e.CalledAt, &e.CompletedAt, &e.UpdatedAt,
		&dept, &first, &last, &username)
	e.VitalsID, e.DepartmentID, e.DoctorID = vitalsID.Int64, deptID.Int64, doctorID.Int64
	e.DepartmentName = dept.String
	if e.DoctorName = strings.TrimSpace(first.String + " " + last.String); e.DoctorName == "" {
		e.DoctorName = username.String
	}
	return e, err
}

// nullID stores 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func getEntry(ctx context.Context, q db.Querier, id int64) (entry, error) {
	return scanEntry(q.QueryRow(ctx, entrySelect+" WHERE q.id = ?", id))
}

// lockEntry reads an entry and locks it until the transaction ends.
func lockEntry(ctx context.Context, tx *db.Tx, id int64) (entry, error) {
	return scanEntry(tx.QueryRow(ctx, lockSelect+" WHERE q.id = ?"+db.ForUpdate(tx), id))
}

// lockOpenEntry reads and locks the patient's open entry (sql.ErrNoRows if none). It
// first finds the entry without a lock, then locks it by id: a locking search for a key
// that does not exist takes a gap lock on MySQL, and transactions holding gap locks
// deadlock when they then insert into the gap. A plain read may be stale there (MySQL
// reads the transaction's snapshot), so the locked row is checked to be still open;
// an entry opened since is found by insertOpen's unique violation.
func lockOpenEntry(ctx context.Context, tx *db.Tx, patientID int64) (entry, error) {
	var id int64
	if err := tx.QueryRow(ctx, "SELECT id FROM queue_entries WHERE open_patient_id = ?", patientID).Scan(&id); err != nil {
		return entry{}, err
	}
	e, err := lockEntry(ctx, tx, id)
	if err == nil && !e.Status.Open() {
		return entry{}, sql.ErrNoRows
	}
	return e, err
}

// lockOpenedEntry locks the open entry another transaction just committed (insertOpen
// failed on it). The key exists, so the locking read locks that row alone, and it sees
// the row even where the transaction's snapshot does not.
func lockOpenedEntry(ctx context.Context, tx *db.Tx, patientID int64) (entry, error) {
	return scanEntry(tx.QueryRow(ctx, lockSelect+" WHERE q.open_patient_id = ?"+db.ForUpdate(tx), patientID))
}

// insertOpen stores a new open entry unless the patient already has one; inserted is
// false then. The unique index on open_patient_id is the guard: two transactions that
// both found no open entry cannot both insert. The savepoint keeps the transaction
// usable after the violation (PostgreSQL would refuse every later statement).
func insertOpen(ctx context.Context, tx *db.Tx, e *entry) (inserted bool, err error) {
	if _, err := tx.Exec(ctx, "SAVEPOINT open_entry"); err != nil {
		return false, err
	}
	id, err := tx.InsertID(ctx, `INSERT INTO queue_entries (patient_id, vitals_id, department_id, doctor_id, status,
		priority, urgent, open_patient_id, created_at, waiting_since, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
		e.PatientID, nullID(e.VitalsID), nullID(e.DepartmentID), e.Status, e.Priority, e.Urgent, e.PatientID,
		e.CreatedAt, e.WaitingSince, e.UpdatedAt)
	if err != nil {
		if !strings.Contains(db.ViolatedConstraint(err), "open") {
			return false, err
		}
		_, err = tx.Exec(ctx, "ROLLBACK TO SAVEPOINT open_entry")
		return false, err
	}
	e.ID = id
	_, err = tx.Exec(ctx, "RELEASE SAVEPOINT open_entry")
	return true, err
}

// refresh gives an open entry a new set of vitals, department and priority.
func refresh(ctx context.Context, tx *db.Tx, e entry) error {
	_, err := tx.Exec(ctx, "UPDATE queue_entries SET vitals_id = ?, department_id = ?, priority = ?, urgent = ?, updated_at = ? WHERE id = ?",
		nullID(e.VitalsID), nullID(e.DepartmentID), e.Priority, e.Urgent, e.UpdatedAt, e.ID)
	return err
}

// move stores e's new status and times, but only if the entry is still in status from:
// the number of rows changed says whether it was.
func move(ctx context.Context, tx *db.Tx, e entry, from Status) (int64, error) {
	var open any
	if e.Status.Open() {
		open = e.PatientID
	}
	res, err := tx.Exec(ctx, `UPDATE queue_entries SET status = ?, doctor_id = ?, open_patient_id = ?, waiting_since = ?,
		called_at = ?, completed_at = ?, updated_at = ? WHERE id = ? AND status = ?`,
		e.Status, nullID(e.DoctorID), open, e.WaitingSince, e.CalledAt, e.CompletedAt, e.UpdatedAt, e.ID, from)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// assign stores an entry's doctor and priority.
func assign(ctx context.Context, tx *db.Tx, e entry) error {
	_, err := tx.Exec(ctx, "UPDATE queue_entries SET doctor_id = ?, priority = ?, urgent = ?, updated_at = ? WHERE id = ?",
		nullID(e.DoctorID), e.Priority, e.Urgent, e.UpdatedAt, e.ID)
	return err
}

// departmentMatch selects the entries of a department; 0 is the entries of none.
func departmentMatch(departmentID int64) (string, []any) {
	if departmentID == 0 {
		return "q.department_id IS NULL", nil
	}
	return "q.department_id = ?", []any{departmentID}
}

// placeInLine counts, in one query, the entries waiting in e's department that will be
// called before e (by nextFirst) and all that wait there.
func placeInLine(ctx context.Context, q db.Querier, e entry) (ahead, total int, err error) {
	cond, args := departmentMatch(e.DepartmentID)
	err = q.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN q.priority > ? OR (q.priority = ? AND
		(q.waiting_since < ? OR (q.waiting_since = ? AND q.id < ?))) THEN 1 ELSE 0 END), 0)
		FROM queue_entries q WHERE q.status = ? AND `+cond,
		append([]any{e.Priority, e.Priority, e.WaitingSince, e.WaitingSince, e.ID, Waiting}, args...)...).Scan(&total, &ahead)
	return ahead, total, err
}

// candidates lists, without locking them, the first waiting entries a doctor may call
// in call order: the department's (0: the entries of no department) that no other doctor
// holds — highest priority, then longest waiting.
func candidates(ctx context.Context, q db.Querier, departmentID, doctorID int64, limit int) ([]int64, error) {
	cond, args := departmentMatch(departmentID)
	args = append([]any{Waiting}, append(args, doctorID, limit)...)
	return db.Collect(db.ScanID)(q.Query(ctx, "SELECT q.id FROM queue_entries q WHERE q.status = ? AND "+cond+
		" AND (q.doctor_id IS NULL OR q.doctor_id = ?)"+nextFirst+" LIMIT ?", args...))
}

// lockWaiting locks entry id if it is still waiting: sql.ErrNoRows if it is not. With
// skip, an entry another transaction holds is passed over at once (ErrNoRows) instead of
// waited for. The lock is taken by primary key so that it covers that row alone: a
// locking read that sorts (ORDER BY … LIMIT) would lock every row it sorted on MySQL.
func lockWaiting(ctx context.Context, tx *db.Tx, id int64, skip bool) (entry, error) {
	lock := db.ForUpdate(tx)
	if skip {
		lock = db.ForUpdateSkipLocked(tx)
	}
	return scanEntry(tx.QueryRow(ctx, lockSelect+" WHERE q.id = ? AND q.status = ?"+lock, id, Waiting))
}

// filter selects entries; zero fields select everything.
type filter struct {
	statuses []Status
	// doctor is a doctor's view: the waiting entries of their department, and the open
	// entries they hold.
	doctor *doctorView
	// closedSince keeps entries that closed at or after it.
	closedSince time.Time
	patientID   int64
}

type doctorView struct {
	departmentID int64
	userID       int64
}

// wants reports whether the filter's status condition lets status through.
func (f filter) wants(status Status) bool {
	return f.statuses == nil || slices.Contains(f.statuses, status)
}

func (f filter) where() (string, []any) {
	var conds []string
	var args []any
	if len(f.statuses) > 0 {
		conds = append(conds, "q.status IN ("+db.Placeholders(len(f.statuses))+")")
		for _, s := range f.statuses {
			args = append(args, s)
		}
	}
	if v := f.doctor; v != nil {
		// The department's waiting patients, or the open entries the doctor holds — each
		// side only for the statuses the list asks for, so that an index range never
		// covers rows the status condition then throws away (the waiting list would
		// otherwise read every version of every entry the doctor holds).
		var alts []string
		if f.wants(Waiting) {
			dept, dargs := departmentMatch(v.departmentID)
			alts = append(alts, "(q.status = ? AND "+dept+")")
			args = append(append(args, Waiting), dargs...)
		}
		var held []any
		for _, s := range openStatuses {
			if f.wants(s) {
				held = append(held, s)
			}
		}
		if len(held) > 0 {
			alts = append(alts, "(q.doctor_id = ? AND q.status IN ("+db.Placeholders(len(held))+"))")
			args = append(append(args, v.userID), held...)
		}
		if len(alts) == 0 {
			alts = append(alts, "1 = 0")
		}
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
	}
	if !f.closedSince.IsZero() {
		conds = append(conds, "q.completed_at >= ?")
		args = append(args, f.closedSince)
	}
	if f.patientID != 0 {
		conds = append(conds, "q.patient_id = ?")
		args = append(args, f.patientID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Orders of the lists.
const (
	newestFirst = " ORDER BY q.created_at DESC, q.id DESC"
	nextFirst   = " ORDER BY q.priority DESC, q.waiting_since, q.id"
	oldestFirst = " ORDER BY q.created_at, q.id"
	// longestFirst orders waiting entries by how long they have waited.
	longestFirst = " ORDER BY q.waiting_since, q.id"
)

func listEntries(ctx context.Context, q db.Querier, f filter, order string, limit, offset int) ([]entry, error) {
	where, args := f.where()
	return db.Collect(scanEntry)(q.Query(ctx, entrySelect+where+order+" LIMIT ? OFFSET ?", append(args, limit, offset)...))
}

func countEntries(ctx context.Context, q db.Querier, f filter) (int, error) {
	where, args := f.where()
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM queue_entries q"+where, args...).Scan(&n)
	return n, err
}

// countSince counts the entries created at or after t (index queue_entries_created_idx).
func countSince(ctx context.Context, q db.Querier, t time.Time) (int, error) {
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM queue_entries WHERE created_at >= ?", t).Scan(&n)
	return n, err
}

// departmentExists and defaultDepartment read the departments table inside the caller's
// transaction: the departments service has no transactional lookup, and a transaction
// must not wait on a second connection.
func departmentExists(ctx context.Context, q db.Querier, id int64) (bool, error) {
	var one int
	err := q.QueryRow(ctx, "SELECT 1 FROM departments WHERE id = ?", id).Scan(&one)
	if db.IsNoRows(err) {
		return false, nil
	}
	return err == nil, err
}

func departmentByName(ctx context.Context, q db.Querier, name string) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, "SELECT id FROM departments WHERE name = ?", name).Scan(&id)
	if db.IsNoRows(err) {
		return 0, nil
	}
	return id, err
}

// isActiveDoctor reports whether a user is an active doctor (who may hold entries).
func isActiveDoctor(ctx context.Context, q db.Querier, userID int64) (bool, error) {
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM users WHERE id = ? AND role = 'doctor' AND is_active = ?", userID, true).Scan(&n)
	return n > 0, err
}

func entriesByIDs(ctx context.Context, q db.Querier, ids []int64) ([]entry, error) {
	return db.Collect(scanEntry)(q.Query(ctx, entrySelect+" WHERE q.id IN ("+db.Placeholders(len(ids))+")", db.Args(ids)...))
}
