package patients

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/web"
	"healthsynx/migrations"
)

// Test data at scale: patients written straight into the tables (an account and a
// profile each, the keys made as the store makes them), many rows per statement.

var (
	genFirst = strings.Fields(`Amina Baraka Wanjiku Otieno Achieng Kamau Njeri Mwangi Akinyi Ochieng Atieno Kipchoge
		Chebet Wekesa Nafula Juma Halima Zawadi Imani Neema Faith Grace Mercy Brian Kevin Dennis Collins Sharon Purity
		Esther Ruth Mary Joseph John Peter Paul James Daniel Samuel David Moses Ann Jane Lucy Agnes Rose Joyce Alice
		Kofi Ama Kwame Abena Chinedu Ngozi Emeka Aisha Fatuma Hassan Ali Omar Mohamed Abdi Hodan Musa Yusuf Salma Rehema
		Tumaini Baraka Jabari Makena Nyambura Waithera Kiprop Kibet Cherono Jepkosgei Wairimu Muthoni Gathoni Kariuki`)
	genLast = strings.Fields(`Otieno Ochieng Odhiambo Onyango Owino Kamau Mwangi Njoroge Kariuki Wanjiru Kimani Maina
		Mutua Musyoka Kiprotich Kiplagat Cheruiyot Wekesa Wafula Barasa Simiyu Juma Hassan Ali Abdi Mohamed Omondi Okoth
		Ouma Achieng Atieno Akinyi Chebet Rotich Korir Langat Mutai Kibet Githinji Macharia Ndungu Gitau Waweru Nyaga
		Mugo Muriuki Kinyua Wambui Nyambura Mensah Boateng Okafor Eze Adeyemi Diallo Traore Mbeki Dlamini Nkosi
		Banda Phiri Mwale Tembo Moyo Ndlovu Kiprop Jeptoo Chepkoech Lagat Tanui Sang Kosgei Bett Ruto Keter`)
)

// seed writes n patients into d, ids 1..n, deterministically.
func seed(tb testing.TB, d *db.DB, n int) {
	tb.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	now := db.Now()
	const batch = 500
	for start := 1; start <= n; start += batch {
		end := min(start+batch-1, n)
		var users, profiles []string
		var uargs, pargs []any
		for id := start; id <= end; id++ {
			first, last := genFirst[r.IntN(len(genFirst))], genLast[r.IntN(len(genLast))]
			phone := fmt.Sprintf("07%08d", r.IntN(100_000_000))
			username := fmt.Sprintf("patient-%d", id)
			mrn, _ := newMRN(int64(id))
			users = append(users, "(?, ?, '!', '', NULL, ?, ?, ?, 'unknown', 'patient', ?, ?, ?, ?)")
			uargs = append(uargs, id, username, first, last, phone, false, true, now, now)
			profiles = append(profiles, "(?, ?, NULL, '', NULL, '', '', '', '', 'outpatient', ?, ?, ?, NULL, ?, NULL, '', ?, ?)")
			var archived any
			if id%50 == 0 { // one in fifty archived
				archived = now
			}
			pargs = append(pargs, id, mrn, nameKey(first), nameKey(last), phoneKey(phone), archived, now, now)
		}
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO users (id, username, password, email, email_key, first_name, last_name, phone,
				gender, role, is_superuser, is_active, date_joined, updated_at) VALUES `+strings.Join(users, ", "), uargs...); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO patient_profiles (user_id, mrn, dob, national_id, national_id_key, address,
				next_of_kin_name, next_of_kin_phone, next_of_kin_relationship, patient_type, first_key, last_key, phone_key,
				registered_by, archived_at, archived_by, archive_reason, created_at, updated_at) VALUES `+strings.Join(profiles, ", "), pargs...)
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// openSQLite opens a fresh migrated SQLite database in dir.
func openSQLite(tb testing.TB, dir string) *db.DB {
	tb.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, "sqlite://"+filepath.Join(dir, "scale.db"), 5*time.Second)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close() })
	migs, err := migrations.All()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := d.Migrate(ctx, migs); err != nil {
		tb.Fatal(err)
	}
	return d
}

// searches are the kinds of search the budget covers, with a text of each.
var searches = []struct{ kind, text string }{
	{"name, two words", "ami oti"},
	{"name, two words reversed", "otieno amina"},
	{"name, one common word", "otieno"},
	{"name, one letter", "k"},
	{"MRN, exact", "HS-0123456-6"},
	{"MRN, prefix", "HS-01234"},
	{"phone, national", "0712 34"},
	{"phone, international", "+254 7123"},
	{"username", "patient-4242"},
}

// listing is the list without a search (E-27's first page), for the figures: it
// counts every live patient.
var listing = struct{ kind, text string }{"list, no search", ""}

// TestSearchUsesTheIndexes reads SQLite's plan of every query a search sends: the
// count reads index ranges (those of the name branches from the index alone), each
// branch's page reads its index range in order (sorting only rows of equal names by
// id), and nothing scans the table.
func TestSearchUsesTheIndexes(t *testing.T) {
	d := openSQLite(t, t.TempDir())
	seed(t, d, 2000)
	ctx := context.Background()
	for _, s := range searches {
		bs := plan(d, s.text)
		if len(bs) == 0 {
			t.Fatalf("%s: no plan", s.kind)
		}
		q, args := countSQL(db.SQLite, bs, false)
		plans := []string{strings.Join(explain(t, ctx, d, q, args), "\n")}
		names := 0
		for _, b := range bs {
			if strings.Contains(b.match.sql, "_key") {
				names++
			}
		}
		if got := strings.Count(plans[0], "COVERING INDEX patient_profiles_live_"); got != names {
			t.Errorf("%s (%q): %d of %d key counts read the index alone:\n%s", s.kind, s.text, got, names, plans[0])
		}
		for i := range bs {
			counts := make([]int, len(bs))
			counts[i] = 100
			q, args := pageSQL(db.SQLite, bs, counts, web.PageRequest{Page: 3, Size: 10}, false)
			plans = append(plans, strings.Join(explain(t, ctx, d, q, args), "\n"))
		}
		for _, p := range plans {
			if strings.Contains(p, "SCAN p") || !strings.Contains(p, "SEARCH p USING") || strings.Contains(p, "(archived_at=?)") {
				t.Errorf("%s (%q) does not read an index range:\n%s", s.kind, s.text, p)
			}
			if strings.Contains(p, "CO-ROUTINE") && strings.Contains(p, "_key") && !strings.Contains(p, "LAST TERM OF ORDER BY") &&
				!strings.Contains(p, "mrn_key") && !strings.Contains(p, "username_key") {
				t.Errorf("%s (%q) sorts the matches instead of reading them in index order:\n%s", s.kind, s.text, p)
			}
			if testing.Verbose() {
				t.Logf("%s (%q):\n%s", s.kind, s.text, p)
			}
		}
	}
}

// TestListUsesTheIndexes reads SQLite's plan of the list without a search: the count
// reads an index alone, the page reads the patients in id order without sorting them.
func TestListUsesTheIndexes(t *testing.T) {
	d := openSQLite(t, t.TempDir())
	seed(t, d, 2000)
	ctx := context.Background()
	count, page := listAllSQL(db.SQLite, false)
	if p := strings.Join(explain(t, ctx, d, count, nil), "\n"); !strings.Contains(p, "COVERING INDEX") {
		t.Errorf("the count reads the table:\n%s", p)
	}
	if p := strings.Join(explain(t, ctx, d, page, []any{10, 20}), "\n"); strings.Contains(p, "TEMP B-TREE") || !strings.Contains(p, "autoindex_patient_profiles") {
		t.Errorf("the page does not read the patients in id order:\n%s", p)
	}
}

// explain returns SQLite's query plan, one line per step.
func explain(t *testing.T, ctx context.Context, d *db.DB, query string, args []any) []string {
	t.Helper()
	rows, err := d.Query(ctx, "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		out = append(out, detail)
	}
	return out
}

// BenchmarkSearch measures each kind of search through Service.List on a generated
// SQLite hospital: HEALTHSYNX_BENCH_PATIENTS patients (300,000 by default), one in
// fifty archived. It reports the 50th and 95th percentile of each kind.
//
//	go test -run xxx -bench Search -benchtime 200x ./internal/patients/
func BenchmarkSearch(b *testing.B) {
	n := 300_000
	if s := os.Getenv("HEALTHSYNX_BENCH_PATIENTS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	d := openSQLite(b, b.TempDir())
	started := time.Now()
	seed(b, d, n)
	b.Logf("seeded %d patients in %s", n, time.Since(started).Round(time.Second))
	s := &Service{DB: d}
	ctx := context.Background()
	for _, sc := range append(searches, listing) {
		b.Run(sc.kind, func(b *testing.B) {
			var took []time.Duration
			var matches int
			for b.Loop() {
				page := web.PageRequest{Page: 1, Size: web.DefaultPageSize}
				t0 := time.Now()
				_, count, err := s.List(ctx, Filter{Search: sc.text}, &page)
				took = append(took, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				matches = count
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
			b.ReportMetric(float64(matches), "matches")
		})
	}
}
