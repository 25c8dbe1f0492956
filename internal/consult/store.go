package consult

import (
	"context"
	"strings"
	"time"

	"healthsynx/internal/platform/db"
)

// noteRow is a note as stored, with its author's name (joined from users).
type noteRow struct {
	ID, PatientID, DoctorID, QueueID                    int64
	History, Examination, Plan, Diagnosis, Prescription string
	CreatedAt                                           time.Time
	DoctorName                                          string
}

const noteSelect = `SELECT n.id, n.patient_id, n.doctor_id, n.queue_entry_id, n.history, n.examination, n.plan,
	n.diagnosis, n.prescription, n.created_at, u.first_name, u.last_name, u.username
	FROM consultation_notes n JOIN users u ON u.id = n.doctor_id`

// name is "First Last", or the username when both are blank.
func name(first, last, username string) string {
	if n := strings.TrimSpace(first + " " + last); n != "" {
		return n
	}
	return username
}

func scanNote(row interface{ Scan(...any) error }) (noteRow, error) {
	var n noteRow
	var first, last, username string
	err := row.Scan(&n.ID, &n.PatientID, &n.DoctorID, &n.QueueID, &n.History, &n.Examination, &n.Plan,
		&n.Diagnosis, &n.Prescription, &n.CreatedAt, &first, &last, &username)
	n.DoctorName = name(first, last, username)
	return n, err
}

func getNote(ctx context.Context, q db.Querier, id int64) (noteRow, error) {
	return scanNote(q.QueryRow(ctx, noteSelect+" WHERE n.id = ?", id))
}

func insertNote(ctx context.Context, tx *db.Tx, d draft, doctorID int64, at time.Time) (int64, error) {
	return tx.InsertID(ctx, `INSERT INTO consultation_notes (patient_id, doctor_id, queue_entry_id, history, examination,
		plan, diagnosis, prescription, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.patientID, doctorID, d.queueID, d.history, d.examination, d.plan, d.diagnosis, d.prescription, at)
}

func insertDiagnosis(ctx context.Context, tx *db.Tx, noteID, patientID int64, c Code, at time.Time) error {
	_, err := tx.Exec(ctx, "INSERT INTO diagnoses (note_id, patient_id, icd10_code, description, created_at) VALUES (?, ?, ?, ?, ?)",
		noteID, patientID, c.Code, c.Description, at)
	return err
}

func insertAddendum(ctx context.Context, tx *db.Tx, noteID, authorID int64, text string, at time.Time) (int64, error) {
	return tx.InsertID(ctx, "INSERT INTO note_addenda (note_id, author_id, text, created_at) VALUES (?, ?, ?, ?)",
		noteID, authorID, text, at)
}

// noteFilter selects notes; zero fields select every note.
type noteFilter struct {
	patientID, queueID int64
}

func (f noteFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.patientID != 0 {
		conds = append(conds, "n.patient_id = ?")
		args = append(args, f.patientID)
	}
	if f.queueID != 0 {
		conds = append(conds, "n.queue_entry_id = ?")
		args = append(args, f.queueID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func countNotes(ctx context.Context, q db.Querier, f noteFilter) (int, error) {
	where, args := f.where()
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM consultation_notes n"+where, args...).Scan(&n)
	return n, err
}

// listNotes returns a page of notes, newest first, as the original ordered them.
func listNotes(ctx context.Context, q db.Querier, f noteFilter, limit, offset int) ([]noteRow, error) {
	where, args := f.where()
	return db.Collect(scanNote)(q.Query(ctx, noteSelect+where+" ORDER BY n.created_at DESC, n.id DESC LIMIT ? OFFSET ?", append(args, limit, offset)...))
}

// notesOfVisits returns the notes of the given queue entries, oldest first.
func notesOfVisits(ctx context.Context, q db.Querier, queueIDs []int64) ([]noteRow, error) {
	return db.Collect(scanNote)(q.Query(ctx, noteSelect+" WHERE n.queue_entry_id IN ("+db.Placeholders(len(queueIDs))+") ORDER BY n.created_at, n.id", db.Args(queueIDs)...))
}

// diagnosesOf returns the coded diagnoses of the given notes, keyed by note, in the order
// they were written.
func diagnosesOf(ctx context.Context, q db.Querier, noteIDs []int64) (map[int64][]Code, error) {
	rows, err := q.Query(ctx, "SELECT note_id, icd10_code, description FROM diagnoses WHERE note_id IN ("+
		db.Placeholders(len(noteIDs))+") ORDER BY id", db.Args(noteIDs)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]Code{}
	for rows.Next() {
		var note int64
		var c Code
		if err := rows.Scan(&note, &c.Code, &c.Description); err != nil {
			return nil, err
		}
		out[note] = append(out[note], c)
	}
	return out, rows.Err()
}

// addendumRow is an addendum as stored, with its author's name.
type addendumRow struct {
	ID, NoteID, AuthorID int64
	Text                 string
	CreatedAt            time.Time
	AuthorName           string
}

const addendumSelect = `SELECT a.id, a.note_id, a.author_id, a.text, a.created_at, u.first_name, u.last_name, u.username
	FROM note_addenda a JOIN users u ON u.id = a.author_id`

func scanAddendum(row interface{ Scan(...any) error }) (addendumRow, error) {
	var a addendumRow
	var first, last, username string
	err := row.Scan(&a.ID, &a.NoteID, &a.AuthorID, &a.Text, &a.CreatedAt, &first, &last, &username)
	a.AuthorName = name(first, last, username)
	return a, err
}

// addendaOf returns the addenda of the given notes, keyed by note, oldest first.
func addendaOf(ctx context.Context, q db.Querier, noteIDs []int64) (map[int64][]addendumRow, error) {
	rows, err := q.Query(ctx, addendumSelect+" WHERE a.note_id IN ("+db.Placeholders(len(noteIDs))+") ORDER BY a.id", db.Args(noteIDs)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]addendumRow{}
	for rows.Next() {
		a, err := scanAddendum(rows)
		if err != nil {
			return nil, err
		}
		out[a.NoteID] = append(out[a.NoteID], a)
	}
	return out, rows.Err()
}

func getAddendum(ctx context.Context, q db.Querier, id int64) (addendumRow, error) {
	return scanAddendum(q.QueryRow(ctx, addendumSelect+" WHERE a.id = ?", id))
}

// countVisits counts the patient's visits that have a note.
func countVisits(ctx context.Context, q db.Querier, patientID int64) (int, error) {
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(DISTINCT queue_entry_id) FROM consultation_notes WHERE patient_id = ?", patientID).Scan(&n)
	return n, err
}

// visitsWithNotes returns a page of the patient's visits that have a note, the most
// recently written first.
func visitsWithNotes(ctx context.Context, q db.Querier, patientID int64, limit, offset int) ([]int64, error) {
	return db.Collect(db.ScanID)(q.Query(ctx, `SELECT queue_entry_id FROM consultation_notes WHERE patient_id = ?
		GROUP BY queue_entry_id ORDER BY MAX(created_at) DESC, queue_entry_id DESC LIMIT ? OFFSET ?`, patientID, limit, offset))
}
