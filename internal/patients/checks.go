package patients

import (
	"strings"
	"time"
	"unicode/utf8"

	"healthsynx/internal/identity"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
)

// The checks of single fields. Each records its problems in f under the field's name
// and returns the value as it will be stored.

// checkUsername validates a username sent by the client. On a new patient a blank one
// asks for a generated username; elsewhere it is an error.
func checkUsername(f errs.Fields, s string, blankMeansGenerate bool) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "" && blankMeansGenerate:
	case s == "":
		f.Add("username", valid.MsgBlank)
	case !identity.ValidUsername(s):
		f.Add("username", identity.MsgUsernameChars)
	default:
		valid.MaxLen(f, "username", s, usernameMaxLen)
	}
	return s
}

func nameField(f errs.Fields, field string, p *string, required bool) string {
	if required {
		return valid.RequiredString(f, field, p, nameMax)
	}
	return valid.OptionalString(f, field, orEmpty(p), nameMax)
}

// checkGender reads the gender from either of its two names; absent is "unknown".
func checkGender(f errs.Fields, gender, sex *string) string {
	norm := func(p *string) string {
		if p == nil {
			return ""
		}
		return strings.ToLower(strings.TrimSpace(*p))
	}
	g, s := norm(gender), norm(sex)
	switch {
	case g != "" && s != "" && g != s:
		f.Add("sex", msgSexGender)
		return g
	case g == "" && s == "":
		return "unknown"
	case g == "":
		valid.Choice(f, "sex", s, identity.Genders)
		return s
	}
	valid.Choice(f, "gender", g, identity.Genders)
	return g
}

// checkPhone applies the account rules for a phone number (those of the identity
// module, which checks a new account's number again with the same words): digits and
// + - ( ) and spaces, 7 to 15 digits, at most 20 characters.
func checkPhone(f errs.Fields, field, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+ -()", r):
		default:
			f.Add(field, msgPhoneChars)
			return s
		}
	}
	if digits < 7 || digits > 15 || len(s) > 20 {
		f.Add(field, msgPhoneLength)
	}
	return s
}

func checkDOB(f errs.Fields, dob *time.Time, today time.Time) *time.Time {
	if dob == nil {
		return nil
	}
	switch {
	case dob.After(today):
		f.Add("dob", msgDOBFuture)
	case dob.Before(today.AddDate(-maxAgeYears, 0, 0)):
		f.Add("dob", msgDOBTooOld)
	}
	return dob
}

func checkNationalID(f errs.Fields, s string) string {
	s = strings.TrimSpace(s)
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == ' ' || r == '-') {
			f.Add("national_id", msgNationalIDChars)
			return s
		}
	}
	valid.MaxLen(f, "national_id", s, nationalIDMax)
	return s
}

// nationalIDKey is what the unique index compares: upper case without spaces or
// hyphens, NULL when there is no national id (so that any number of patients may
// have none).
func nationalIDKey(s string) any {
	k := strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(s))
	if k == "" {
		return nil
	}
	return k
}

// checkReason validates the reason given for archiving a patient.
func checkReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > reasonMax {
		return reason, errs.Field("reason", valid.MaxLenMsg(reasonMax))
	}
	return reason, nil
}
