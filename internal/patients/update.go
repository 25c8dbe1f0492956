package patients

import (
	"context"
	"strings"

	"healthsynx/internal/audit"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
)

// Update changes a live patient: a PATCH when partial (absent fields stay), else a
// PUT (absent fields are cleared). The account's names and contact details, the
// profile and the search keys change together, in one transaction with its audit
// event.
func (s *Service) Update(ctx context.Context, c Caller, id int64, in PatientInput, partial bool) (Patient, error) {
	m := replacing
	if partial {
		m = patching
	}
	var out Patient
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		cur, err := getPatient(ctx, tx, id, true)
		if db.IsNoRows(err) || err == nil && cur.Archived {
			return notFound()
		}
		if err != nil {
			return err
		}
		d := detailsOf(cur)
		f := errs.Fields{}
		in.apply(&d, m, true, s.today(), f)
		if err := checkUnique(ctx, tx, id, d, f); err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := updateAccount(ctx, tx, id, d); err != nil {
			return duplicate(err)
		}
		if err := updateProfile(ctx, tx, id, d); err != nil {
			return duplicate(err)
		}
		if out, err = getPatient(ctx, tx, id, false); err != nil {
			return err
		}
		return s.record(ctx, tx, c, audit.ActionUpdate, id, changed(cur, out))
	})
	return out, errs.Wrap("patients.Update", err)
}

// checkUnique adds an error for each unique field of d that another account or
// patient holds. The unique indexes stay the guard against a race past it.
func checkUnique(ctx context.Context, q db.Querier, id int64, d details, f errs.Fields) error {
	if d.Username != "" && !f.Has("username") {
		if taken, err := usernameTaken(ctx, q, d.Username, id); err != nil {
			return err
		} else if taken {
			f.Add("username", identity.MsgUsernameTaken)
		}
	}
	if d.Email != "" && !f.Has("email") {
		if taken, err := emailTaken(ctx, q, d.Email, id); err != nil {
			return err
		} else if taken {
			f.Add("email", identity.MsgEmailTaken)
		}
	}
	if !f.Has("national_id") {
		if taken, err := nationalIDTaken(ctx, q, d.NationalID, id); err != nil {
			return err
		} else if taken {
			f.Add("national_id", MsgNationalIDTaken)
		}
	}
	return nil
}

// duplicate names the field of a unique violation that raced past checkUnique.
func duplicate(err error) error {
	switch c := db.ViolatedConstraint(err); {
	case c == "":
		return err
	case strings.Contains(c, "national_id"):
		return errs.Field("national_id", MsgNationalIDTaken)
	case strings.Contains(c, "username"):
		return errs.Field("username", identity.MsgUsernameTaken)
	case strings.Contains(c, "email"):
		return errs.Field("email", identity.MsgEmailTaken)
	}
	return err
}

// changed names the fields an update changed, for the audit log (names, never values).
func changed(before, after Patient) string {
	var out []string
	add := func(name string, differs bool) {
		if differs {
			out = append(out, name)
		}
	}
	add("username", before.Username != after.Username)
	add("email", before.Email != after.Email)
	add("first_name", before.FirstName != after.FirstName)
	add("last_name", before.LastName != after.LastName)
	add("gender", before.Gender != after.Gender)
	add("phone", before.Phone != after.Phone)
	add("dob", !sameDate(before.DOB, after.DOB))
	add("national_id", before.NationalID != after.NationalID)
	add("address", before.Address != after.Address)
	add("next_of_kin", before.NextOfKin != after.NextOfKin)
	add("patient_type", before.PatientType != after.PatientType)
	if len(out) == 0 {
		return "no changes"
	}
	return "changed: " + strings.Join(out, ", ")
}

func sameDate(a, b *Date) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(b.Time)
}
