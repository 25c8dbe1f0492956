// Package consult holds consultation notes (PRODUCT §3.7, E-43..E-45): history,
// examination and plan, the original's free-text diagnosis and prescription, and coded
// ICD-10 diagnoses. A note is signed by its author and never changed: later words are
// addenda. Patients read their own visit summaries.
package consult

import (
	"fmt"
	"strings"

	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
)

// Input is a new note. The author is always the caller; patient and queue_item must
// name a registered patient and one of that patient's queue entries.
type Input struct {
	Patient      *int64           `json:"patient"`
	QueueItem    *int64           `json:"queue_item"`
	History      *string          `json:"history"`
	Examination  *string          `json:"examination"`
	Plan         *string          `json:"plan"`
	Diagnosis    *string          `json:"diagnosis"`
	Prescription *string          `json:"prescription"`
	Diagnoses    []DiagnosisInput `json:"diagnoses"`
}

// DiagnosisInput is a coded diagnosis. The description may be left out for a code of the
// built-in catalogue (GET /doctors/icd10/), which then supplies it.
type DiagnosisInput struct {
	Code        *string `json:"code"`
	Description *string `json:"description"`
}

// AddendumInput is a later addition to a note.
type AddendumInput struct {
	Text *string `json:"text"`
}

// Limits of a note.
const (
	textMax        = 10000 // characters of each free-text part
	descriptionMax = 255
	diagnosesMax   = 20
)

// Messages of the note's rules.
const (
	MsgEmptyNote     = "A note needs some content: history, examination, plan, diagnosis, prescription or a coded diagnosis."
	MsgOtherPatient  = "This queue entry belongs to another patient."
	MsgICD10         = "Enter an ICD-10 code such as J18.9."
	MsgNoDescription = "This code is not in the built-in list: describe the diagnosis."
	MsgNeverChanged  = "A consultation note is never changed or deleted: add an addendum with POST /doctors/notes/%d/addenda/."
)

// draft is a validated note, ready to store.
type draft struct {
	patientID, queueID                                  int64
	history, examination, plan, diagnosis, prescription string
	diagnoses                                           []Code
}

// validate checks the input's own fields; that the patient and the queue entry exist
// and belong together is checked against the database.
func (in Input) validate() (draft, error) {
	f := errs.Fields{}
	d := draft{
		history:      valid.OptionalString(f, "history", in.History, textMax),
		examination:  valid.OptionalString(f, "examination", in.Examination, textMax),
		plan:         valid.OptionalString(f, "plan", in.Plan, textMax),
		diagnosis:    valid.OptionalString(f, "diagnosis", in.Diagnosis, textMax),
		prescription: valid.OptionalString(f, "prescription", in.Prescription, textMax),
	}
	if in.Patient == nil {
		f.Add("patient", valid.MsgRequired)
	} else {
		d.patientID = *in.Patient
	}
	if in.QueueItem == nil {
		f.Add("queue_item", valid.MsgRequired)
	} else {
		d.queueID = *in.QueueItem
	}
	if len(in.Diagnoses) > diagnosesMax {
		f.Add("diagnoses", fmt.Sprintf("Ensure this field has no more than %d elements.", diagnosesMax))
	}
	for i, dx := range in.Diagnoses {
		if c, ok := dx.validate(f, fmt.Sprintf("diagnoses[%d]", i)); ok {
			d.diagnoses = append(d.diagnoses, c)
		}
	}
	if len(f) == 0 && d.history+d.examination+d.plan+d.diagnosis+d.prescription == "" && len(d.diagnoses) == 0 {
		f.Add("non_field_errors", MsgEmptyNote)
	}
	return d, f.Err()
}

// validate checks one coded diagnosis; errors go under prefix.code and
// prefix.description. ok is false when it has any.
func (in DiagnosisInput) validate(f errs.Fields, prefix string) (c Code, ok bool) {
	codeField, descField := prefix+".code", prefix+".description"
	c.Code = strings.ToUpper(valid.RequiredString(f, codeField, in.Code, 10))
	if c.Code != "" && !ValidICD10(c.Code) {
		f.Add(codeField, MsgICD10)
	}
	c.Description = valid.OptionalString(f, descField, in.Description, descriptionMax)
	if c.Description == "" && !f.Has(codeField) {
		if c.Description = describe(c.Code); c.Description == "" {
			f.Add(descField, MsgNoDescription)
		}
	}
	return c, !f.Has(codeField) && !f.Has(descField)
}

// text checks an addendum's text.
func (in AddendumInput) text() (string, error) {
	f := errs.Fields{}
	t := valid.RequiredString(f, "text", in.Text, textMax)
	return t, f.Err()
}
