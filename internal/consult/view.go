package consult

import "healthsynx/internal/platform/web"

// Note is a consultation note as the API shows it: the original's {id, doctor (the
// author's name), patient_name, queue_info, diagnosis, prescription, created_at} with
// the ids it was written about, the structured parts, the coded diagnoses and the
// addenda.
type Note struct {
	ID           int64      `json:"id"`
	Doctor       string     `json:"doctor"`
	DoctorID     int64      `json:"doctor_id"`
	Patient      int64      `json:"patient"`
	PatientName  string     `json:"patient_name"`
	QueueItem    int64      `json:"queue_item"`
	QueueInfo    QueueInfo  `json:"queue_info"`
	History      string     `json:"history"`
	Examination  string     `json:"examination"`
	Plan         string     `json:"plan"`
	Diagnosis    string     `json:"diagnosis"`
	Prescription string     `json:"prescription"`
	Diagnoses    []Code     `json:"diagnoses"`
	Addenda      []Addendum `json:"addenda"`
	CreatedAt    string     `json:"created_at"`
}

// QueueInfo is the visit a note belongs to, as the original showed it.
type QueueInfo struct {
	ID        int64  `json:"id"`
	Status    string `json:"status"`
	Patient   string `json:"patient"`
	CreatedAt string `json:"created_at"`
}

// Addendum is a later addition to a note, signed by its author.
type Addendum struct {
	ID        int64  `json:"id"`
	Author    string `json:"author"`
	AuthorID  int64  `json:"author_id"`
	Text      string `json:"text"`
	CreatedAt string `json:"created_at"`
}

func (a addendumRow) view() Addendum {
	return Addendum{ID: a.ID, Author: a.AuthorName, AuthorID: a.AuthorID, Text: a.Text, CreatedAt: web.Time(a.CreatedAt)}
}

// VisitSummary is what a patient sees of a visit: when, where, who, what was found and
// what was planned. The history and examination stay with the clinicians.
type VisitSummary struct {
	Visit      int64  `json:"visit"`
	Date       string `json:"date"`
	Department string `json:"department"`
	Doctor     string `json:"doctor"`
	Diagnoses  []Code `json:"diagnoses"`
	// Plan is the plan of each of the visit's notes, oldest first, one paragraph each.
	Plan string `json:"plan"`
}
