// Package patients registers patients and keeps their demographics: the medical record
// number, search by name, MRN, phone or username, and archiving instead of deletion.
package patients

import (
	"strings"
	"time"
)

// Patient is the original API's patient representation (E-27..E-33) with the fields
// HealthSynx adds. The id is the patient's user id.
type Patient struct {
	ID          int64     `json:"id"`
	Username    string    `json:"username"`
	Email       string    `json:"email"`
	FirstName   string    `json:"first_name"`
	LastName    string    `json:"last_name"`
	FullName    string    `json:"full_name"`
	DOB         *Date     `json:"dob"`
	IsActive    bool      `json:"is_active"`
	DateJoined  string    `json:"date_joined"`
	MRN         string    `json:"mrn"`
	Phone       string    `json:"phone"`
	Gender      string    `json:"gender"`
	NationalID  string    `json:"national_id"`
	Address     string    `json:"address"`
	NextOfKin   NextOfKin `json:"next_of_kin"`
	PatientType string    `json:"patient_type"`
	Archived    bool      `json:"archived"`
	// Archive says when, by whom and why; only for an archived patient, whom only an
	// administrator sees.
	Archive    *Archive   `json:"archive,omitempty"`
	ArchivedAt *time.Time `json:"-"`
	// JoinedAt is DateJoined for the pages, which format it for people.
	JoinedAt time.Time `json:"-"`
}

// Archive records the archiving of a patient.
type Archive struct {
	At     string `json:"at"`
	By     *int64 `json:"by"` // the user id of who archived, null when unknown
	Reason string `json:"reason"`
}

// NextOfKin is who to call about the patient.
type NextOfKin struct {
	Name         string `json:"name"`
	Phone        string `json:"phone"`
	Relationship string `json:"relationship"`
}

// Ref is the little other modules need to name a patient: in lists, on charges, in
// the queue. It is all the desks with PatientsLookup may see.
type Ref struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	FullName string `json:"full_name"`
	MRN      string `json:"mrn"`
}

// fullName is "First Last", trimmed, or the username when both are blank.
func fullName(first, last, username string) string {
	n := strings.TrimSpace(first + " " + last)
	if n == "" {
		return username
	}
	return n
}

// Patient types.
const (
	Outpatient = "outpatient"
	Inpatient  = "inpatient"
)
