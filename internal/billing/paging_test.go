package billing_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"healthsynx/internal/apitest"
	"healthsynx/internal/billing"
	"healthsynx/internal/departments"
	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/web"
)

// Keyset paging returns every row exactly once, newest first, walking forward through
// next and back through previous, ties on created_at included, with or without filters.
func TestCursorPagingReturnsEveryRowOnce(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		officer := e.As(auth.RoleBilling, "officer")
		a, b := register(t, e, "pagea", "Page", "Alpha"), register(t, e, "pageb", "Page", "Beta")
		var want, wantA []int64
		for i := range 17 {
			who := a
			if i%3 == 0 {
				who = b
			}
			id := idOf(record(t, officer, who.ID, "10", "other"))
			want = append(want, id)
			if who == a {
				wantA = append(wantA, id)
			}
		}
		// Six charges made at the same instant: their order is settled by id.
		same := db.Now()
		for i := range 6 {
			err := e.App.DB.InTx(context.Background(), func(tx *db.Tx) error {
				return e.App.Billing.ChargeFor(context.Background(), tx, billing.Cause{Key: fmt.Sprintf("test:tie:%d", i), PatientID: a.ID,
					Category: billing.Lab, Item: billing.PriceKey{Kind: billing.PriceLab, Code: "T"}, Fallback: 100, At: same})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		var ties []int64
		for _, r := range officer.Do("GET", "/billing/billing/?category=lab&page_size=50", nil).JSON()["results"].([]any) {
			ties = append(ties, idOf(r.(map[string]any)))
		}
		slices.Reverse(ties)
		want, wantA = append(want, ties...), append(wantA, ties...)
		slices.Reverse(want)
		slices.Reverse(wantA)

		for _, tc := range []struct {
			query string
			want  []int64
		}{
			{"", want},
			{fmt.Sprintf("&patient=%d", a.ID), wantA},
		} {
			for _, size := range []int{1, 4, 50} {
				first := fmt.Sprintf("/billing/billing/?cursor=&page_size=%d%s", size, tc.query)
				got, last := walk(t, officer, first, "next")
				if !slices.Equal(got, tc.want) {
					t.Errorf("forward %s: %v, want %v", first, got, tc.want)
				}
				// From the last page back to the first through previous.
				if back := reversePages(t, officer, last); !slices.Equal(back, tc.want) {
					t.Errorf("backward from %s: %v, want %v", last, back, tc.want)
				}
			}
		}
		if res := officer.Do("GET", "/billing/billing/?cursor=garbage", nil); res.Status != http.StatusNotFound {
			t.Errorf("a bad cursor: %d, want 404", res.Status)
		}
	})
}

// walk follows the link rel from url until there is none, collecting the ids; it
// returns them and the url of the last page it read.
func walk(t *testing.T, c *apitest.Client, url, rel string) ([]int64, string) {
	t.Helper()
	var ids []int64
	for range 200 {
		res := c.Do("GET", url, nil)
		if res.Status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", url, res.Status, res.Body)
		}
		body := res.JSON()
		for _, r := range body["results"].([]any) {
			ids = append(ids, idOf(r.(map[string]any)))
		}
		link, _ := body[rel].(string)
		if link == "" {
			return ids, url
		}
		url = link[strings.Index(link, "/billing/"):]
	}
	t.Fatalf("%s never ends", url)
	return nil, ""
}

// reversePages reads the pages from url back to the first through previous, and returns
// their ids in list order (newest first).
func reversePages(t *testing.T, c *apitest.Client, url string) []int64 {
	t.Helper()
	var pages [][]int64
	for range 200 {
		res := c.Do("GET", url, nil).JSON()
		var ids []int64
		for _, r := range res["results"].([]any) {
			ids = append(ids, idOf(r.(map[string]any)))
		}
		pages = append(pages, ids)
		link, _ := res["previous"].(string)
		if link == "" {
			break
		}
		url = link[strings.Index(link, "/billing/"):]
	}
	var out []int64
	for i := len(pages) - 1; i >= 0; i-- {
		out = append(out, pages[i]...)
	}
	return out
}

// The lists issue the same number of queries whatever their page size: no query per
// row (B-32). The service runs here on a second handle to the test's SQLite file whose
// driver counts the statements.
func TestListQueriesDoNotGrowWithPageSize(t *testing.T) {
	e := apitest.New(t, db.SQLite)
	officer := e.As(auth.RoleBilling, "officer")
	var pats []registered
	for i := range 12 {
		pats = append(pats, register(t, e, fmt.Sprintf("count%d", i), "Count", fmt.Sprintf("Patient%d", i)))
	}
	for i := range 60 {
		p := pats[i%len(pats)]
		rec := record(t, officer, p.ID, "10", "other")
		if i%2 == 0 {
			officer.Do("POST", path("/billing/billing/%d/mark-paid/", idOf(rec)), nil)
		}
	}
	counted, n := countingDB(t, e.App.DB.Path)
	svc := &billing.Service{DB: counted, Patients: &patients.Service{DB: counted}, Departments: &departments.Service{DB: counted},
		Currency: "KES", Hospital: "Test", Location: time.UTC}
	rt := web.NewRouter()
	principal := &auth.Principal{UserID: pats[0].ID, Role: auth.RoleBilling}
	rt.Auth = fixedPrincipal{&principal}
	svc.Routes(rt)
	srv := httptest.NewServer(rt)
	t.Cleanup(srv.Close)

	queries := func(url string) int64 {
		before := n.Load()
		res, err := http.Get(srv.URL + url)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", url, res.StatusCode)
		}
		return n.Load() - before
	}
	for _, list := range []string{"/billing/billing/?", "/billing/billing/?cursor=&", "/billing/billing/?paid=false&",
		"/billing/invoices/?", "/billing/invoices/?cursor=&", "/billing/payments/?", "/users/billing/?"} {
		small, large := queries(list+"page_size=2"), queries(list+"page_size=50")
		if small != large || small == 0 {
			t.Errorf("%s: %d queries for 2 rows, %d for 50", list, small, large)
		}
	}
	principal.Role, principal.UserID = auth.RolePatient, pats[0].ID
	for _, list := range []string{"/billing/my/records/?", "/billing/my/invoices/?", "/billing/my/payments/?"} {
		small, large := queries(list+"page_size=2"), queries(list+"page_size=50")
		if small != large || small == 0 {
			t.Errorf("%s: %d queries for 2 rows, %d for 50", list, small, large)
		}
	}
}

// fixedPrincipal signs every request in as one principal.
type fixedPrincipal struct{ p **auth.Principal }

func (f fixedPrincipal) Authenticate(*http.Request) (*auth.Principal, error) { return *f.p, nil }

// countingDB opens the SQLite file at path through a driver that counts every query and
// statement it runs.
func countingDB(t *testing.T, path string) (*db.DB, *atomic.Int64) {
	t.Helper()
	probe, err := sql.Open("sqlite", "")
	if err != nil {
		t.Fatal(err)
	}
	drv := probe.Driver()
	probe.Close()
	n := &atomic.Int64{}
	dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)&_txlock=immediate&_time_format=sqlite"
	sqldb := sql.OpenDB(connector{drv: drv, dsn: dsn, n: n})
	t.Cleanup(func() { sqldb.Close() })
	return &db.DB{DB: sqldb, Engine: db.SQLite, Path: path}, n
}

type connector struct {
	drv driver.Driver
	dsn string
	n   *atomic.Int64
}

func (c connector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return countingConn{conn.(fullConn), c.n}, nil
}

func (c connector) Driver() driver.Driver { return c.drv }

// fullConn is what database/sql uses of the SQLite driver's connection.
type fullConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
}

type countingConn struct {
	fullConn
	n *atomic.Int64
}

func (c countingConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	c.n.Add(1)
	return c.fullConn.QueryContext(ctx, q, args)
}

func (c countingConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	c.n.Add(1)
	return c.fullConn.ExecContext(ctx, q, args)
}
