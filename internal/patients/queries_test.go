package patients

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"healthsynx/internal/audit"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/dbtest"
	"healthsynx/internal/platform/web"
)

// counting is a Querier that counts the statements sent through it.
type counting struct {
	db.Querier
	n int
}

func (c *counting) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	c.n++
	return c.Querier.Exec(ctx, q, args...)
}

func (c *counting) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.n++
	return c.Querier.Query(ctx, q, args...)
}

func (c *counting) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	c.n++
	return c.Querier.QueryRow(ctx, q, args...)
}

func newService(t *testing.T, d *db.DB) *Service {
	t.Helper()
	return &Service{DB: d, Identity: &identity.Service{DB: d}, Audit: audit.New(d, false)}
}

// system registers patients in tests.
var system = Caller{Principal: identity.System, Audit: audit.Event{ActorUsername: "system"}}

// TestListsIssueAFixedNumberOfQueries lists pages of 1, 10 and 50 patients, plain and
// searched (a search whose pages span several branches), and counts the statements:
// the number never grows with the page size (no query per row).
func TestListsIssueAFixedNumberOfQueries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(t, d)
		for i := range 60 {
			first, last := fmt.Sprintf("Anna%02d", i), "Kamau"
			if i%2 == 1 {
				first, last = "Brian", fmt.Sprintf("Anyango%02d", i)
			}
			if _, err := s.Register(ctx, system, Registration{PatientInput: PatientInput{FirstName: &first, LastName: &last}}); err != nil {
				t.Fatal(err)
			}
		}
		for _, f := range []Filter{{}, {Search: "an"}, {Search: "kamau anna"}} {
			want := -1
			for _, size := range []int{1, 10, 50} {
				c := &counting{Querier: d}
				page := web.PageRequest{Page: 1, Size: size}
				rows, n, err := s.list(ctx, c, f, &page)
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != min(size, n) || n == 0 {
					t.Fatalf("%+v size %d: %d rows of %d", f, size, len(rows), n)
				}
				if want == -1 {
					want = c.n
				}
				if c.n != want || c.n > 3 {
					t.Errorf("%+v: %d queries for a page of %d, %d for a page of 1", f, c.n, size, want)
				}
			}
		}
	})
}

func TestRefAndPatients(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(t, d)
		first, last := "Amani", "Juma"
		p, err := s.Register(ctx, system, Registration{PatientInput: PatientInput{FirstName: &first, LastName: &last}})
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.Ref(ctx, d, p.ID)
		if err != nil || r != (Ref{ID: p.ID, Username: "amani-juma", FullName: "Amani Juma", MRN: p.MRN}) {
			t.Errorf("Ref = %+v, %v", r, err)
		}
		admin := Caller{Principal: &auth.Principal{UserID: 0, Username: "system", Role: auth.RoleAdmin, Superuser: true}}
		if err := s.Archive(ctx, admin, p.ID, "test"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Ref(ctx, d, p.ID); err == nil {
			t.Error("Ref found an archived patient")
		}
		byID, err := s.Patients(ctx, d, []int64{p.ID, p.ID, 999999})
		if err != nil || len(byID) != 1 || !byID[p.ID].Archived {
			t.Errorf("Patients = %v, %v", byID, err)
		}
	})
}
