package queue_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/queue"
	"healthsynx/internal/queue/queuetest"
)

// The queue's lists issue the same few queries whatever their length (B-32): the
// patients and the vitals of a page come in one query each, not one per row.
func TestListQueriesDoNotGrowWithThePage(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		const n = 30
		for i := range n {
			c.triage(t, c.patient(fmt.Sprintf("p%02d", i)), map[string]any{"pulse_rate": 60 + i, "temperature": 37})
		}
		counter := &queuetest.CountingDB{DB: e.App.DB}
		svc := *e.App.Queue
		svc.DB = counter
		ctx := context.Background()
		doctor := &auth.Principal{UserID: c.doctorID, Username: "drkim", Role: auth.RoleDoctor, DepartmentID: c.dept}
		admin := &auth.Principal{UserID: 1, Username: "admin1", Role: auth.RoleAdmin, Superuser: true}

		for _, p := range []*auth.Principal{doctor, admin} {
			var small, large int64
			small = counter.Queries(func() {
				page := web.PageRequest{Page: 1, Size: 1}
				if got, total, err := svc.List(ctx, p, queue.ListFilter{}, &page); err != nil || len(got) != 1 || total != n {
					t.Fatalf("list of 1: %d of %d, %v", len(got), total, err)
				}
			})
			large = counter.Queries(func() {
				page := web.PageRequest{Page: 1, Size: web.MaxPageSize}
				if got, _, err := svc.List(ctx, p, queue.ListFilter{}, &page); err != nil || len(got) != n {
					t.Fatalf("list of %d: %d, %v", n, len(got), err)
				}
			})
			if small != large || large > 4 {
				t.Errorf("%s: list of 1 ran %d queries, of %d ran %d; want the same, at most 4", p.Role, small, n, large)
			}
		}
		one := counter.Queries(func() {
			if got, total, err := svc.Waiting(ctx, doctor, 1); err != nil || len(got) != 1 || total != n {
				t.Fatalf("waiting list of 1: %d of %d, %v", len(got), total, err)
			}
		})
		all := counter.Queries(func() {
			if got, total, err := svc.Waiting(ctx, doctor, queue.WaitingLimit); err != nil || len(got) != n || total != n {
				t.Fatalf("waiting list of %d: %d of %d, %v", queue.WaitingLimit, len(got), total, err)
			}
		})
		if one != all {
			t.Errorf("waiting list of 1 ran %d queries, of %d ran %d; want the same", one, n, all)
		}
		dash := counter.Queries(func() {
			d, err := svc.Doctor(ctx, doctor)
			if err != nil || d.TotalPatients != n || len(d.Queue) != n || d.Queue[0].Vitals == nil {
				t.Fatalf("dashboard: %d of %d, %v", len(d.Queue), d.TotalPatients, err)
			}
		})
		nurse := counter.Queries(func() {
			s, err := svc.NurseSummary(ctx)
			if err != nil || s.Waiting != n || s.TriagedToday != n || len(s.Longest) != 5 || s.Longest[0].PatientName != "Pat p00" {
				t.Fatalf("nurse summary: %+v, %v", s, err)
			}
		})
		if all > 4 || dash > 4 || nurse > 4 {
			t.Errorf("%d patients: waiting list %d queries, dashboard %d, nurse summary %d; want at most 4, 4, 4", n, all, dash, nurse)
		}
	})
}

// On PostgreSQL the queue's table is vacuumed after a fixed number of dead rows, not
// a fifth of the table (migration 0008): its open part is read all day.
func TestQueueTableIsVacuumedOften(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		if e.App.DB.Engine != db.Postgres {
			t.Skip("PostgreSQL's autovacuum settings")
		}
		for _, table := range []string{"queue_entries", "billing_invoices"} {
			var opts string
			if err := e.App.DB.QueryRow(context.Background(),
				"SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = ?", table).Scan(&opts); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"autovacuum_vacuum_scale_factor=0", "autovacuum_vacuum_threshold=5000"} {
				if !strings.Contains(opts, want) {
					t.Errorf("%s: reloptions %q lack %s", table, opts, want)
				}
			}
		}
	})
}

// Standing counts a waiting patient's place in their department's line in call order
// (NEWS2 band first, then arrival) with one query, whatever the length of the line.
func TestStandingIsThePlaceInLine(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		c := newClinic(t, e)
		well := map[string]any{"pulse_rate": 70, "temperature": 37}
		first, second := c.patient("first"), c.patient("second")
		c.triage(t, first, well)
		c.triage(t, second, well)
		unwell := c.patient("unwell")
		c.triage(t, unwell, map[string]any{"pulse_rate": 135, "temperature": 39.6, "respiratory_rate": 28, "spo2": 89})
		elsewhere := c.patient("elsewhere")
		c.triage(t, elsewhere, map[string]any{"pulse_rate": 70, "temperature": 37, "department": c.other})
		nurse := &auth.Principal{UserID: e.User(auth.RoleNurse, "nurse2"), Username: "nurse2", Role: auth.RoleNurse}
		for patient, want := range map[int64][2]int{unwell: {1, 3}, first: {2, 3}, second: {3, 3}, elsewhere: {1, 1}} {
			st, err := e.App.Queue.Standing(context.Background(), nurse, patient)
			if err != nil || st.Position != want[0] || st.Waiting != want[1] {
				t.Errorf("patient %d: place %d of %d (%v), want %d of %d", patient, st.Position, st.Waiting, err, want[0], want[1])
			}
		}
	})
}
