package patients

import (
	"encoding/json"
	"strings"
	"time"

	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
	"healthsynx/internal/platform/web"
)

// PatientInput is the writable part of a patient; nil fields were absent from the
// request. is_active, date_joined, the MRN and the archive fields are not in it, so a
// client cannot set them (B-14).
type PatientInput struct {
	Username  *string `json:"username"`
	Email     *string `json:"email"`
	FirstName *string `json:"first_name"`
	LastName  *string `json:"last_name"`
	Gender    *string `json:"gender"`
	// Sex is another name for gender; a request may use either.
	Sex        *string  `json:"sex"`
	DOB        DOBInput `json:"dob,omitzero"`
	Phone      *string  `json:"phone"`
	NationalID *string  `json:"national_id"`
	Address    *string  `json:"address"`
	// The next of kin as an object, or as the three flat fields (which win when both
	// are sent).
	NextOfKin             *NextOfKinInput `json:"next_of_kin"`
	NextOfKinName         *string         `json:"next_of_kin_name"`
	NextOfKinPhone        *string         `json:"next_of_kin_phone"`
	NextOfKinRelationship *string         `json:"next_of_kin_relationship"`
	PatientType           *string         `json:"patient_type"`
}

// NextOfKinInput is the nested form of the next-of-kin fields.
type NextOfKinInput struct {
	Name         *string `json:"name"`
	Phone        *string `json:"phone"`
	Relationship *string `json:"relationship"`
}

// DOBInput is a date of birth in a request: absent, null or "" (none), or YYYY-MM-DD.
type DOBInput struct {
	Set  bool       // the field was in the request
	Date *time.Time // nil: no date of birth
}

// MsgDateFormat is DRF's message for a date it cannot read.
const MsgDateFormat = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."

// ParseDOB reads a date of birth as a form or a JSON string holds it.
func ParseDOB(s string) (DOBInput, error) {
	d := DOBInput{Set: true}
	if s = strings.TrimSpace(s); s == "" {
		return d, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return d, &web.FieldError{Field: "dob", Message: MsgDateFormat}
	}
	d.Date = &t
	return d, nil
}

// UnmarshalJSON accepts null, "" or a YYYY-MM-DD string.
func (d *DOBInput) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = DOBInput{Set: true}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return &web.FieldError{Field: "dob", Message: MsgDateFormat}
	}
	v, err := ParseDOB(s)
	*d = v
	return err
}

// JSONSchema documents the date for the OpenAPI spec.
func (DOBInput) JSONSchema() map[string]any {
	return map[string]any{"type": []string{"string", "null"}, "format": "date"}
}

// Field limits: the column widths of users and patient_profiles.
const (
	nameMax         = 150
	nationalIDMax   = 30
	addressMax      = 500
	kinNameMax      = 150
	relationshipMax = 50
	reasonMax       = 500
	// maxAgeYears bounds a date of birth: nobody alive was born earlier.
	maxAgeYears = 130
)

// Validation messages of the fields HealthSynx adds.
const (
	MsgNationalIDTaken = "patient with this national id already exists."
	msgNationalIDChars = "Enter a valid national ID: letters, digits, spaces and hyphens only."
	msgDOBFuture       = "Date of birth cannot be in the future."
	msgDOBTooOld       = "Date of birth cannot be more than 130 years ago."
	msgSexGender       = "Give the sex or the gender, not two different values."
	msgPhoneChars      = "Enter a valid phone number: digits, spaces, + - ( ) only."
	msgPhoneLength     = "Enter a valid phone number of 7 to 15 digits."
)

// details are a patient's validated values, before they are stored.
type details struct {
	Username    string // "" on a new patient: one is made from the name (W-10)
	Email       string
	FirstName   string
	LastName    string
	Gender      string
	Phone       string
	DOB         *time.Time
	NationalID  string
	Address     string
	NextOfKin   NextOfKin
	PatientType string
}

// newDetails are the values of a patient before the request fills them in.
func newDetails() details { return details{Gender: "unknown", PatientType: Outpatient} }

// detailsOf are the current values of p, for an update.
func detailsOf(p Patient) details {
	d := details{Username: p.Username, Email: p.Email, FirstName: p.FirstName, LastName: p.LastName, Gender: p.Gender,
		Phone: p.Phone, NationalID: p.NationalID, Address: p.Address, NextOfKin: p.NextOfKin, PatientType: p.PatientType}
	if p.DOB != nil {
		t := p.DOB.Time
		d.DOB = &t
	}
	return d
}

// mode says how a request's absent fields are read.
type mode int

const (
	// creating: absent fields take their defaults; a blank username is made (W-10).
	creating mode = iota
	// replacing (PUT): absent fields are cleared; the username, which cannot be
	// empty, stays.
	replacing
	// patching (PATCH): absent fields stay as they are.
	patching
)

// apply validates in onto d, recording every problem in f under its field's name.
// names says whether first and last names are required; today is the hospital's date.
func (in PatientInput) apply(d *details, m mode, names bool, today time.Time, f errs.Fields) {
	present := func(p *string) bool { return p != nil || m != patching }
	if in.Username != nil {
		d.Username = checkUsername(f, *in.Username, m == creating)
	}
	if present(in.FirstName) {
		d.FirstName = nameField(f, "first_name", in.FirstName, names)
	}
	if present(in.LastName) {
		d.LastName = nameField(f, "last_name", in.LastName, names)
	}
	if present(in.Email) {
		d.Email = valid.Email(f, "email", *orEmpty(in.Email))
	}
	if in.Gender != nil || in.Sex != nil || m == replacing {
		d.Gender = checkGender(f, in.Gender, in.Sex)
	}
	if present(in.Phone) {
		d.Phone = checkPhone(f, "phone", *orEmpty(in.Phone))
	}
	if in.DOB.Set || m == replacing {
		d.DOB = checkDOB(f, in.DOB.Date, today)
	}
	if present(in.NationalID) {
		d.NationalID = checkNationalID(f, *orEmpty(in.NationalID))
	}
	if present(in.Address) {
		d.Address = valid.OptionalString(f, "address", orEmpty(in.Address), addressMax)
	}
	in.applyNextOfKin(&d.NextOfKin, m, f)
	if present(in.PatientType) {
		d.PatientType = Outpatient
		if s := strings.ToLower(strings.TrimSpace(*orEmpty(in.PatientType))); s != "" {
			valid.Choice(f, "patient_type", s, []string{Inpatient, Outpatient})
			d.PatientType = s
		}
	}
}

// applyNextOfKin reads the next of kin from the nested object and the flat fields.
func (in PatientInput) applyNextOfKin(k *NextOfKin, m mode, f errs.Fields) {
	name, phone, rel := in.NextOfKinName, in.NextOfKinPhone, in.NextOfKinRelationship
	if n := in.NextOfKin; n != nil {
		name, phone, rel = firstSent(name, n.Name), firstSent(phone, n.Phone), firstSent(rel, n.Relationship)
	}
	if name != nil || m != patching {
		k.Name = valid.OptionalString(f, "next_of_kin_name", orEmpty(name), kinNameMax)
	}
	if phone != nil || m != patching {
		k.Phone = checkPhone(f, "next_of_kin_phone", *orEmpty(phone))
	}
	if rel != nil || m != patching {
		k.Relationship = valid.OptionalString(f, "next_of_kin_relationship", orEmpty(rel), relationshipMax)
	}
}

// firstSent is the first of a and b that was sent.
func firstSent(a, b *string) *string {
	if a != nil {
		return a
	}
	return b
}

// orEmpty reads an absent field as "".
func orEmpty(p *string) *string {
	if p == nil {
		return new(string)
	}
	return p
}
