package loadtest

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"healthsynx/internal/billing"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/queue"
)

// The direct side of each figure: the operation's core statements run straight on the
// database, on the load test's own connections. They are what the operation cannot do
// with less — the index range a search reads, the rows a chart shows, the rows a visit
// writes — in the modules' own query shapes, without HTTP, sign-in, validation, JSON
// or the audit log. The API's time over this time is what the application adds.
// Writes run in a transaction that is rolled back, so the run leaves behind only what
// the application itself wrote.

// errRollback ends a direct write's transaction without committing it.
var errRollback = errors.New("rolled back on purpose")

// rolledBack runs fn in a transaction and rolls it back.
func rolledBack(ctx context.Context, d *db.DB, fn func(tx *db.Tx) error) error {
	err := d.InTx(ctx, func(tx *db.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errRollback
	})
	if errors.Is(err, errRollback) {
		return nil
	}
	return err
}

// drain reads every row of a query, as a handler reads its page.
func drain(ctx context.Context, q db.Querier, query string, args ...any) error {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	dest := make([]any, len(cols))
	for i := range dest {
		dest[i] = new(any)
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
	}
	return rows.Err()
}

const (
	patientSelect = `SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.phone, u.gender, p.mrn, p.dob,
	p.national_id, p.address, p.patient_type FROM patient_profiles p JOIN users u ON u.id = p.user_id`
	vitalsSelect = `SELECT id, patient_id, recorded_by, recorded_at, temperature_dc, pulse_rate, respiratory_rate,
	systolic_bp, diastolic_bp, spo2, on_oxygen, consciousness, weight_hg, height_mm, news2_score, news2_risk FROM vitals`
	noteSelect = `SELECT n.id, n.patient_id, n.doctor_id, n.queue_entry_id, n.history, n.examination, n.plan, n.diagnosis,
	n.prescription, n.created_at, u.first_name, u.last_name FROM consultation_notes n JOIN users u ON u.id = n.doctor_id`
	entrySelect = `SELECT q.id, q.patient_id, q.vitals_id, q.department_id, q.doctor_id, q.status, q.priority, q.urgent,
	q.created_at, q.waiting_since, q.called_at, q.completed_at, q.updated_at, d.name, du.first_name, du.last_name
	FROM queue_entries q LEFT JOIN departments d ON d.id = q.department_id LEFT JOIN users du ON du.id = q.doctor_id`
	chargeSelect = `SELECT c.id, c.invoice_id, c.patient_id, c.queue_entry_id, c.department_id, c.category, c.description,
	c.amount, c.paid_amount, c.state, c.cause_key, c.price_id, c.created_by, c.local_day, c.created_at FROM billing_charges c`
	pageSize = 10
)

// keyRange matches the search keys of col that start with prefix.
func keyRange(col, prefix string) (string, []any) {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] != 'z' {
			b[i]++
			if b[i] == '9'+1 {
				b[i] = 'a'
			}
			return col + " >= ? AND " + col + " < ?", []any{prefix, string(b[:i+1])}
		}
	}
	return col + " >= ?", []any{prefix}
}

// liveOrder orders by the columns of a search-key index; PostgreSQL reads that index in
// order only if its leading archived_at is named (see internal/patients/search.go).
func liveOrder(d *db.DB, cols string) string {
	if d.Engine == db.Postgres {
		return " ORDER BY p.archived_at, " + cols
	}
	return " ORDER BY " + cols
}

// searchName reads the first page of live patients whose surname starts with the
// query, or whose first name is its first word and surname starts with its second: as
// the patients module reads a search, the page's ids from the search-key index, then
// those patients.
func searchName(ctx context.Context, d *db.DB, q string) error {
	words := strings.Fields(q)
	if len(words) == 1 {
		cond, args := keyRange("p.last_key", patients.NameKey(words[0]))
		return searchPage(ctx, d, cond+liveOrder(d, "p.last_key, p.first_key, p.user_id"), args)
	}
	first, fargs := keyRange("p.first_key", patients.NameKey(words[0]))
	last, largs := keyRange("p.last_key", patients.NameKey(words[1]))
	return searchPage(ctx, d, first+" AND "+last+liveOrder(d, "p.first_key, p.last_key, p.user_id"), append(fargs, largs...))
}

func searchMRN(ctx context.Context, d *db.DB, mrn string) error {
	return drain(ctx, d, patientSelect+" WHERE p.mrn = ?", mrn)
}

func searchPhone(ctx context.Context, d *db.DB, typed string) error {
	cond, args := keyRange("p.phone_key", patients.PhoneKey(typed))
	return searchPage(ctx, d, cond+liveOrder(d, "p.phone_key, p.user_id"), args)
}

// searchPage reads the ids of the first page of live patients matching cond (which
// ends with its ORDER BY), then those patients.
func searchPage(ctx context.Context, d *db.DB, cond string, args []any) error {
	ids, err := db.Collect(db.ScanID)(d.Query(ctx, "SELECT p.user_id FROM patient_profiles p WHERE p.archived_at IS NULL AND "+cond+" LIMIT ?",
		append(args, pageSize)...))
	if err != nil || len(ids) == 0 {
		return err
	}
	return drain(ctx, d, patientSelect+" WHERE p.user_id IN ("+db.Placeholders(len(ids))+")", db.Args(ids)...)
}

// chart reads the profile, the vitals history (as much as the API returns) and the
// last 20 notes.
func chart(ctx context.Context, d *db.DB, id int64) error {
	if err := drain(ctx, d, patientSelect+" WHERE p.user_id = ?", id); err != nil {
		return err
	}
	if err := drain(ctx, d, vitalsSelect+" WHERE patient_id = ? ORDER BY recorded_at DESC, id DESC LIMIT 200", id); err != nil {
		return err
	}
	return drain(ctx, d, noteSelect+" WHERE n.patient_id = ? ORDER BY n.created_at DESC, n.id DESC LIMIT 20", id)
}

// doctorQueue reads the first page of a doctor's view: their department's waiting
// patients and the open entries they hold, newest first.
func doctorQueue(ctx context.Context, d *db.DB, department, doctor int64) error {
	return drain(ctx, d, entrySelect+" WHERE ((q.status = ? AND q.department_id = ?) OR (q.doctor_id = ? AND q.status IN (?, ?, ?, ?)))"+
		" ORDER BY q.created_at DESC, q.id DESC LIMIT ?", queue.Waiting, department, doctor,
		queue.Waiting, queue.WithDoctor, queue.SentToLab, queue.SentToImaging, pageSize)
}

// waitingList reads the first page of the department's waiting patients, next first.
func waitingList(ctx context.Context, d *db.DB, department int64) error {
	return drain(ctx, d, entrySelect+" WHERE q.status = ? AND q.department_id = ? ORDER BY q.priority DESC, q.waiting_since, q.id LIMIT ?",
		queue.Waiting, department, queue.WaitingPage)
}

// charges reads a keyset page of the billing history, newest first: after p when it is
// set, of one patient when patient is not 0.
func charges(ctx context.Context, d *db.DB, after *position, patient int64) error {
	var conds []string
	var args []any
	if patient != 0 {
		conds, args = append(conds, "c.patient_id = ?"), append(args, patient)
	}
	if after != nil {
		conds = append(conds, "(c.created_at <= ? AND (c.created_at < ? OR c.id < ?))")
		args = append(args, after.at, after.at, after.id)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	return drain(ctx, d, chargeSelect+where+" ORDER BY c.created_at DESC, c.id DESC LIMIT ?", append(args, pageSize+1)...)
}

// recordVitals writes a set of vitals and puts the patient in the queue, or refreshes
// their open entry — rolled back.
func recordVitals(ctx context.Context, d *db.DB, patient, nurse, department int64, r *rand.Rand) error {
	return rolledBack(ctx, d, func(tx *db.Tx) error {
		now := db.Now()
		id, err := tx.InsertID(ctx, `INSERT INTO vitals (patient_id, recorded_by, recorded_at, temperature_dc, pulse_rate,
			respiratory_rate, systolic_bp, diastolic_bp, spo2, on_oxygen, consciousness, weight_hg, height_mm, news2_score, news2_risk)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			patient, nurse, now, 365+r.IntN(20), 60+r.IntN(40), 14+r.IntN(6), 110+r.IntN(30), 70+r.IntN(15), 95+r.IntN(5),
			false, "A", 600+r.IntN(200), nil, 0, "low")
		if err != nil {
			return err
		}
		var entry int64
		err = tx.QueryRow(ctx, "SELECT id FROM queue_entries WHERE open_patient_id = ?", patient).Scan(&entry)
		if err == nil {
			_, err = tx.Exec(ctx, "UPDATE queue_entries SET vitals_id = ?, priority = ?, updated_at = ? WHERE id = ?", id, 0, now, entry)
			return err
		}
		if !db.IsNoRows(err) {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO queue_entries (patient_id, vitals_id, department_id, doctor_id, status, priority, urgent,
			open_patient_id, created_at, waiting_since, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
			patient, id, department, queue.Waiting, 0, false, patient, now, now, now)
		return err
	})
}

// callNext finds the department's next waiting patient, locks and claims them —
// rolled back.
func callNext(ctx context.Context, d *db.DB, department, doctor int64) error {
	return rolledBack(ctx, d, func(tx *db.Tx) error {
		ids, err := db.Collect(db.ScanID)(tx.Query(ctx, "SELECT q.id FROM queue_entries q WHERE q.status = ? AND q.department_id = ?"+
			" AND (q.doctor_id IS NULL OR q.doctor_id = ?) ORDER BY q.priority DESC, q.waiting_since, q.id LIMIT 10",
			queue.Waiting, department, doctor))
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return errExhausted
		}
		var status string
		err = tx.QueryRow(ctx, "SELECT status FROM queue_entries WHERE id = ? AND status = ?"+db.ForUpdateSkipLocked(tx), ids[0], queue.Waiting).Scan(&status)
		if err != nil && !db.IsNoRows(err) {
			return err
		}
		now := db.Now()
		_, err = tx.Exec(ctx, "UPDATE queue_entries SET status = ?, doctor_id = ?, called_at = ?, updated_at = ? WHERE id = ? AND status = ?",
			queue.WithDoctor, doctor, now, now, ids[0], queue.Waiting)
		return err
	})
}

// complete ends a visit with the doctor and charges its consultation on a new
// invoice — rolled back. The visit is made in the same transaction (one more insert),
// so that the statements never depend on what the API phases left waiting.
func complete(ctx context.Context, d *db.DB, patient, department, doctor int64, day string) error {
	return rolledBack(ctx, d, func(tx *db.Tx) error {
		now := db.Now()
		entry, err := tx.InsertID(ctx, `INSERT INTO queue_entries (patient_id, vitals_id, department_id, doctor_id, status, priority,
			urgent, open_patient_id, created_at, waiting_since, called_at, updated_at) VALUES (?, NULL, ?, ?, ?, 0, ?, NULL, ?, ?, ?, ?)`,
			patient, orNull(department), doctor, queue.WithDoctor, false, now, now, now, now)
		if err != nil {
			return err
		}
		var status string
		if err := tx.QueryRow(ctx, "SELECT status FROM queue_entries WHERE id = ?"+db.ForUpdate(tx), entry).Scan(&status); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE queue_entries SET status = ?, completed_at = ?, open_patient_id = NULL, updated_at = ? WHERE id = ?",
			queue.Completed, now, now, entry); err != nil {
			return err
		}
		var price int64
		var amount billing.Money
		err = tx.QueryRow(ctx, "SELECT id, amount FROM billing_prices WHERE kind = ? AND code = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1",
			billing.PriceConsultation, strconv.FormatInt(department, 10), now).Scan(&price, &amount)
		if err != nil && !db.IsNoRows(err) {
			return err
		}
		invoice, err := tx.InsertID(ctx, `INSERT INTO billing_invoices (patient_id, queue_entry_id, open_key, local_day, status,
			total, paid, void_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0, '', ?, ?)`,
			patient, entry, billing.OpenKey(patient, entry, day), day, billing.Draft, now, now)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO billing_charges (invoice_id, patient_id, queue_entry_id, department_id, category,
			description, amount, paid_amount, state, cause_key, price_id, created_by, void_reason, local_day, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, '', ?, ?)`,
			invoice, patient, entry, orNull(department), billing.Consultation, billing.ConsultationDescription, int64(amount),
			billing.Unpaid, billing.ConsultationCauseKey(entry), orNull(price), orNull(doctor), day, now); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "UPDATE billing_invoices SET total = ?, updated_at = ? WHERE id = ?", int64(amount), now, invoice)
		return err
	})
}

// orNull stores id 0 as NULL.
func orNull(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// today is the hospital's day now, as local_day stores it.
func today(loc *time.Location) string { return time.Now().In(loc).Format(time.DateOnly) }
