package patients

import (
	"context"

	"healthsynx/internal/audit"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
)

// Archiving replaces the original's delete (E-31), which destroyed the patient's
// clinical and financial history (B-26). An archived patient keeps every record; they
// leave the lists and searches, and their account is deactivated (its sessions and
// tokens ended) so that it cannot sign in. The record and the account change in one
// transaction: both or neither. It first locks the patient's rows (profile and account
// together, as an update does), so that an archive and an update of the same patient
// take their locks in the same order and cannot deadlock.

// lockLive locks a live patient's profile and account rows; NotFound for an unknown or
// archived patient.
func lockLive(ctx context.Context, tx *db.Tx, id int64) error {
	p, err := getPatient(ctx, tx, id, true)
	if db.IsNoRows(err) || err == nil && p.Archived {
		return notFound()
	}
	return err
}

// Archive archives a live patient, recording when, by whom and why.
func (s *Service) Archive(ctx context.Context, c Caller, id int64, reason string) error {
	reason, err := checkReason(reason)
	if err != nil {
		return err
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := lockLive(ctx, tx, id); err != nil {
			return err
		}
		if _, err := s.Identity.SetActiveTx(ctx, tx, c.Principal, id, false); err != nil {
			return err
		}
		if err := archive(ctx, tx, id, actorID(c), reason); err != nil {
			return err
		}
		return s.record(ctx, tx, c, audit.ActionArchive, id, "archived; account deactivated")
	})
	return errs.Wrap("patients.Archive", err)
}

// MsgNotArchived refuses to restore a patient who is not archived.
const MsgNotArchived = "This patient is not archived."

// Restore brings an archived patient back into the lists and reactivates the account.
func (s *Service) Restore(ctx context.Context, c Caller, id int64) (Patient, error) {
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := getPatient(ctx, tx, id, true); err != nil {
			return err
		}
		ok, err := restore(ctx, tx, id)
		if err != nil {
			return err
		}
		if !ok {
			if _, err := getPatient(ctx, tx, id, false); err != nil {
				return err
			}
			return errs.E(errs.Invalid, MsgNotArchived)
		}
		if _, err := s.Identity.SetActiveTx(ctx, tx, c.Principal, id, true); err != nil {
			return err
		}
		return s.record(ctx, tx, c, audit.ActionRestore, id, "restored; account reactivated")
	})
	if db.IsNoRows(err) {
		return Patient{}, notFound()
	}
	if err != nil {
		return Patient{}, errs.Wrap("patients.Restore", err)
	}
	p, err := getPatient(ctx, s.DB, id, false)
	return p, errs.Wrap("patients.Restore", err)
}

// SetPassword sets the password of a live patient's account at the desk, under the
// password rules; the account is signed out everywhere. A patient registered at the
// desk has no usable password until this is done (or until an administrator resets
// it): HealthSynx never gives out a default one.
func (s *Service) SetPassword(ctx context.Context, c Caller, id int64, password string) error {
	if _, err := s.live(ctx, id); err != nil {
		return err
	}
	return errs.Wrap("patients.SetPassword", s.Identity.ResetPassword(ctx, c.Principal, id, password))
}

// actorID is the user id of the caller, 0 for an anonymous one (public sign-up).
func actorID(c Caller) int64 {
	if c.Principal == nil {
		return 0
	}
	return c.Principal.UserID
}
