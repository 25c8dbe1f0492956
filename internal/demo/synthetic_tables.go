package demo

// The tables the synthetic hospital fills, parents before children, so that each
// foreign key points at a row written before it in the same transaction. Columns left
// out are NULL (or their default) in every generated row.
const (
	tUsers = iota
	tProfiles
	tVitals
	tQueue
	tNotes
	tAddenda
	tDiagnoses
	tInvoices
	tCharges
	tPayments
	numTables
)

// table is one table and the columns the generator writes, in order.
type table struct {
	name    string
	columns []string
	// sequenced tables have an id the database hands out; patient_profiles shares
	// the user's.
	sequenced bool
}

var tables = [numTables]table{
	tUsers: {"users", []string{"id", "username", "password", "email", "email_key", "first_name", "last_name", "phone",
		"gender", "role", "is_superuser", "is_active", "date_joined", "updated_at"}, true},
	tProfiles: {"patient_profiles", []string{"user_id", "mrn", "dob", "national_id", "national_id_key", "address",
		"next_of_kin_name", "next_of_kin_phone", "next_of_kin_relationship", "patient_type", "first_key", "last_key",
		"phone_key", "registered_by", "archived_at", "archived_by", "archive_reason", "created_at", "updated_at"}, false},
	tVitals: {"vitals", []string{"id", "patient_id", "recorded_by", "recorded_at", "temperature_dc", "pulse_rate",
		"respiratory_rate", "systolic_bp", "diastolic_bp", "spo2", "on_oxygen", "consciousness", "weight_hg", "height_mm",
		"news2_score", "news2_risk"}, true},
	tQueue: {"queue_entries", []string{"id", "patient_id", "vitals_id", "department_id", "doctor_id", "status", "priority",
		"urgent", "open_patient_id", "created_at", "waiting_since", "called_at", "completed_at", "updated_at"}, true},
	tNotes: {"consultation_notes", []string{"id", "patient_id", "doctor_id", "queue_entry_id", "history", "examination",
		"plan", "diagnosis", "prescription", "created_at"}, true},
	tAddenda:   {"note_addenda", []string{"id", "note_id", "author_id", "text", "created_at"}, true},
	tDiagnoses: {"diagnoses", []string{"id", "note_id", "patient_id", "icd10_code", "description", "created_at"}, true},
	tInvoices: {"billing_invoices", []string{"id", "patient_id", "queue_entry_id", "open_key", "local_day", "status", "total",
		"paid", "issued_at", "void_reason", "created_at", "updated_at"}, true},
	tCharges: {"billing_charges", []string{"id", "invoice_id", "patient_id", "queue_entry_id", "department_id", "category",
		"description", "amount", "paid_amount", "state", "cause_key", "price_id", "created_by", "void_reason", "local_day",
		"created_at"}, true},
	tPayments: {"billing_payments", []string{"id", "invoice_id", "patient_id", "kind", "method", "amount", "reference",
		"reference_key", "insurer", "member_number", "reason", "received_by", "local_day", "created_at"}, true},
}

// batch is the rows of a run of consecutive patients, written in one transaction: a
// load that stops half-way leaves whole patients only.
type batch struct {
	// rows holds each table's values, row after row, in the table's column order.
	rows     [numTables][]any
	patients int
}

func (b *batch) add(t int, values ...any) { b.rows[t] = append(b.rows[t], values...) }

// count is the number of rows of table t in the batch.
func (b *batch) count(t int) int { return len(b.rows[t]) / len(tables[t].columns) }

// size is the number of rows in the batch.
func (b *batch) size() int {
	n := 0
	for t := range numTables {
		n += b.count(t)
	}
	return n
}

func (b *batch) reset() {
	for t := range b.rows {
		clear(b.rows[t]) // let the collector have the values
		b.rows[t] = b.rows[t][:0]
	}
	b.patients = 0
}

// nullID stores 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
