package patients

// Bulk loading. The synthetic hospital (internal/demo) writes a million patients
// straight into the tables; these give it the stored forms that Register writes, so
// that its rows are found, numbered and checked exactly as registered ones are.

// MaxMRNID is the largest account id a medical record number holds.
const MaxMRNID = maxMRNID

// MRN is the medical record number of the patient whose account id is id.
func MRN(id int64) (string, error) { return newMRN(id) }

// NameKey is the search key stored for a first or last name.
func NameKey(name string) string { return nameKey(name) }

// PhoneKey is the search key stored for a phone number.
func PhoneKey(phone string) string { return phoneKey(phone) }

// NationalIDKey is the unique key stored for a national id: nil when there is none.
func NationalIDKey(nationalID string) any { return nationalIDKey(nationalID) }

// UsernameBase is the username made from a name (W-10), before any suffix.
func UsernameBase(first, last string) string { return usernameBase(first, last) }
