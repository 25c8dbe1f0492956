package billing

import (
	"encoding/csv"
	"io"
	"net/http"
	"strconv"
	"strings"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
	"healthsynx/internal/platform/web"
)

func (s *Service) apiDashboard(w http.ResponseWriter, r *http.Request) {
	d, err := s.Dashboard(r.Context())
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, d)
}

// revenue reads the report's period from the query and runs it.
func (s *Service) revenue(r *http.Request) (Revenue, error) {
	q := r.URL.Query()
	from, to, err := s.revenuePeriod(q.Get("from"), q.Get("to"))
	if err != nil {
		return Revenue{}, err
	}
	return s.Revenue(r.Context(), from, to)
}

func (s *Service) apiRevenue(w http.ResponseWriter, r *http.Request) {
	rev, err := s.revenue(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, rev)
}

// csvReport writes one table of a revenue report; name is the file's stem.
type csvReport struct {
	name  string
	write func(cw *csv.Writer, rev Revenue)
}

var (
	revenueDaysCSV = csvReport{name: "revenue-by-day", write: func(cw *csv.Writer, rev Revenue) {
		_ = cw.Write([]string{"day", "billed", "charges", "collected", "payments", "currency"})
		for _, d := range rev.Days {
			_ = cw.Write([]string{d.Day, d.Billed.String(), strconv.Itoa(d.Charges), d.Collected.String(), strconv.Itoa(d.Payments), rev.Currency})
		}
	}}
	revenueDepartmentsCSV = csvReport{name: "revenue-by-department", write: func(cw *csv.Writer, rev Revenue) {
		_ = cw.Write([]string{"department_id", "department", "billed", "charges", "currency"})
		for _, d := range rev.Departments {
			id := ""
			if d.Department != nil {
				id = strconv.FormatInt(*d.Department, 10)
			}
			_ = cw.Write([]string{id, csvText(d.Name), d.Billed.String(), strconv.Itoa(d.Charges), rev.Currency})
		}
	}}
)

// csvText keeps a spreadsheet from reading a name as a formula (CSV injection).
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (s *Service) apiRevenueCSV(rep csvReport) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rev, err := s.revenue(r)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+rep.name+"-"+rev.From+"-to-"+rev.To+`.csv"`)
		w.Header().Set("Cache-Control", "no-store")
		writeCSV(w, rep, rev)
	}
}

func writeCSV(w io.Writer, rep csvReport, rev Revenue) {
	cw := csv.NewWriter(w)
	rep.write(cw, rev)
	cw.Flush()
}

func (s *Service) apiPrices(w http.ResponseWriter, r *http.Request) {
	f, err := s.priceFilterOf(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	p, err := web.ParsePage(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	rows, n, err := s.Prices(r.Context(), f, &p)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, web.NewEnvelope(r, p, n, rows))
}

// priceFilterOf reads kind, code and at.
func (s *Service) priceFilterOf(r *http.Request) (PriceFilter, error) {
	q := r.URL.Query()
	f := errs.Fields{}
	pf := PriceFilter{At: db.Now(), Code: q.Get("code")}
	if k := q.Get("kind"); k != "" {
		pf.Kind = PriceKind(k)
		valid.Choice(f, "kind", k, priceKindNames())
	}
	if pf.Code != "" && pf.Kind == "" {
		f.Add("kind", "Give the kind of the item whose versions you want.")
	}
	if at := q.Get("at"); at != "" {
		t, ok := parseWhen(strings.Replace(at, " ", "+", 1), s.location())
		if !ok {
			f.Add("at", msgDateTime)
		}
		pf.At = t
	}
	return pf, f.Err()
}

func (s *Service) apiAddPrice(r *http.Request, in PriceInput) (PriceView, error) {
	return s.AddPrice(r.Context(), s.actor(r), in)
}
