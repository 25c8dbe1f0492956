package loadtest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"healthsynx/internal/patients"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/web"
)

// subjects are what the operations act on, read from the database before the run:
// real patients and what a desk types to find them, positions deep in the billing
// history, and the department whose queue the doctors work.
type subjects struct {
	patients    []patient
	nameQueries []string
	phones      []string
	deep        []position // charges far back in the history
	department  int64      // the doctors' department
}

type patient struct {
	id  int64
	mrn string
}

// position is a row of the billing history, where a deep page starts.
type position struct {
	at time.Time
	id int64
}

// cursor is the API cursor of the page after p (see web.Cursor): what a client has
// after following "next" that far.
func (p position) cursor() string {
	b, _ := json.Marshal(web.Cursor{Key: p.at.UTC().Format(time.RFC3339Nano), ID: p.id})
	return base64.RawURLEncoding.EncodeToString(b)
}

// sampleSize is how many patients and positions are drawn.
const sampleSize = 400

// readSubjects draws the subjects. Patients are drawn at random across the id range;
// deep positions from the oldest four fifths of the billing history.
func readSubjects(ctx context.Context, d *db.DB, r *rand.Rand) (*subjects, error) {
	s := &subjects{}
	var lo, hi int64
	if err := d.QueryRow(ctx, "SELECT COALESCE(MIN(user_id), 0), COALESCE(MAX(user_id), 0) FROM patient_profiles").Scan(&lo, &hi); err != nil {
		return nil, err
	}
	if hi == 0 {
		return nil, fmt.Errorf("the database has no patients: generate some with `healthsynx demo --patients N`")
	}
	for range sampleSize {
		var p patient
		var first, last, phone string
		var archived bool
		// By primary key alone: a condition on archived_at would lead SQLite, which plans
		// without statistics, to the search indexes that start with it.
		err := d.QueryRow(ctx, `SELECT p.user_id, p.mrn, u.first_name, u.last_name, u.phone, p.archived_at IS NOT NULL
			FROM patient_profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id >= ? ORDER BY p.user_id LIMIT 1`,
			lo+r.Int64N(hi-lo+1)).Scan(&p.id, &p.mrn, &first, &last, &phone, &archived)
		if db.IsNoRows(err) || archived {
			continue
		}
		if err != nil {
			return nil, err
		}
		s.patients = append(s.patients, p)
		if q := nameQuery(r, first, last); q != "" {
			s.nameQueries = append(s.nameQueries, q)
		}
		if key := patients.PhoneKey(phone); len(key) >= 7 {
			s.phones = append(s.phones, "0"+key[:6]) // six digits typed after the trunk 0
		}
	}
	if len(s.patients) == 0 || len(s.nameQueries) == 0 || len(s.phones) == 0 {
		return nil, fmt.Errorf("too few live patients with names and phones to sample")
	}
	if err := s.readDeep(ctx, d, r); err != nil {
		return nil, err
	}
	if err := d.QueryRow(ctx, "SELECT id FROM departments WHERE name = ?", "Doctor").Scan(&s.department); err != nil && !db.IsNoRows(err) {
		return nil, err
	}
	return s, nil
}

// readDeep draws positions in the billing history.
func (s *subjects) readDeep(ctx context.Context, d *db.DB, r *rand.Rand) error {
	// Read through the created_at index, not with MIN and MAX: SQLite types an
	// aggregate's result as text, a column's by its declared type.
	var first, last time.Time
	err := d.QueryRow(ctx, "SELECT created_at FROM billing_charges ORDER BY created_at LIMIT 1").Scan(&first)
	if db.IsNoRows(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := d.QueryRow(ctx, "SELECT created_at FROM billing_charges ORDER BY created_at DESC LIMIT 1").Scan(&last); err != nil {
		return err
	}
	span := last.Sub(first) * 4 / 5
	for range sampleSize / 4 {
		at := first.Add(time.Duration(r.Int64N(int64(span) + 1)))
		var p position
		err := d.QueryRow(ctx, "SELECT created_at, id FROM billing_charges WHERE created_at <= ? ORDER BY created_at DESC, id DESC LIMIT 1", at).Scan(&p.at, &p.id)
		if db.IsNoRows(err) {
			continue
		}
		if err != nil {
			return err
		}
		s.deep = append(s.deep, p)
	}
	return nil
}

// nameQuery is what a desk types to find a patient by name: the start of the surname,
// the first name and the start of the surname, or the start of the first name.
func nameQuery(r *rand.Rand, first, last string) string {
	prefix := func(s string, n int) string {
		w := strings.FieldsFunc(s, func(c rune) bool { return !unicode.IsLetter(c) })
		if len(w) == 0 {
			return ""
		}
		rs := []rune(strings.ToLower(w[0]))
		return string(rs[:min(n, len(rs))])
	}
	switch r.IntN(10) {
	case 0, 1, 2, 3:
		return prefix(last, 4)
	case 4, 5, 6:
		if f, l := prefix(first, 20), prefix(last, 2); f != "" && l != "" {
			return f + " " + l
		}
	}
	return prefix(first, 3)
}
