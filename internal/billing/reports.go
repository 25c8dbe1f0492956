package billing

import (
	"context"
	"sort"
	"strconv"
	"time"

	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// Totals is E-58: every record summed by category, and the grand total. The amounts are
// JSON numbers, as the original's hand-built dictionary had them.
type Totals struct {
	CategoryTotals []CategoryNumber `json:"category_totals"`
	GrandTotal     Number           `json:"grand_total"`
}

// CategoryNumber is one category's total in Totals.
type CategoryNumber struct {
	Category string `json:"category"`
	Total    Number `json:"total"`
}

// Totals sums every record, paid or unpaid, for all patients, as the original did; a
// void record and its reversal cancel out.
func (s *Service) Totals(ctx context.Context) (Totals, error) {
	rows, err := categoryTotals(ctx, s.DB)
	out := Totals{CategoryTotals: make([]CategoryNumber, len(rows))}
	for i, t := range rows {
		out.CategoryTotals[i] = CategoryNumber{Category: string(t.Category), Total: Number(t.Total)}
		out.GrandTotal += Number(t.Total)
	}
	return out, errs.Wrap("billing.Totals", err)
}

// Dashboard is E-17, the billing officer's figures, with the day's takings added.
type Dashboard struct {
	TotalBills   int `json:"total_bills"`
	TotalPending int `json:"total_pending"`
	// TotalCollected is the money kept: payments less refunds.
	TotalCollected Number       `json:"total_collected"`
	CollectedToday Number       `json:"collected_today"`
	RecentBills    []RecentBill `json:"recent_bills"`
}

// RecentBill is one of the five newest records on the dashboard.
type RecentBill struct {
	ID          int64  `json:"id"`
	PatientName string `json:"patient_name"`
	Amount      Number `json:"amount"`
	Paid        bool   `json:"paid"`
	CreatedAt   string `json:"created_at"`
}

// recentBills is how many records the dashboard shows.
const recentBills = 5

// Dashboard counts the records and the money, in six queries whatever the data.
func (s *Service) Dashboard(ctx context.Context) (Dashboard, error) {
	var d Dashboard
	var err error
	if d.TotalPending, err = countByState(ctx, s.DB, Unpaid); err != nil {
		return d, errs.Wrap("billing.Dashboard", err)
	}
	paid, err := countByState(ctx, s.DB, Paid)
	if err != nil {
		return d, errs.Wrap("billing.Dashboard", err)
	}
	d.TotalBills = d.TotalPending + paid
	all, err := collected(ctx, s.DB, "", "")
	if err != nil {
		return d, errs.Wrap("billing.Dashboard", err)
	}
	today := s.localDay(time.Now())
	day, err := collected(ctx, s.DB, today, today)
	if err != nil {
		return d, errs.Wrap("billing.Dashboard", err)
	}
	d.TotalCollected, d.CollectedToday = Number(all), Number(day)
	recent, err := s.Charges(ctx, ChargeFilter{}, Paging{Keyset: true, Size: recentBills})
	if err != nil {
		return d, err
	}
	d.RecentBills = make([]RecentBill, len(recent.Items))
	for i, r := range recent.Items {
		d.RecentBills[i] = RecentBill{ID: r.ID, PatientName: r.PatientName, Amount: Number(r.Amount), Paid: r.Paid, CreatedAt: r.CreatedAt}
	}
	return d, nil
}

// Revenue is what the hospital billed and collected over a period of its days.
type Revenue struct {
	From        string              `json:"from"`
	To          string              `json:"to"`
	Currency    string              `json:"currency"`
	Billed      Money               `json:"billed"`
	Collected   Money               `json:"collected"`
	Days        []DayRevenue        `json:"days"`
	Departments []DepartmentRevenue `json:"departments"`
}

// DayRevenue is one hospital day.
type DayRevenue struct {
	Day       string `json:"day"`
	Billed    Money  `json:"billed"`
	Charges   int    `json:"charges"`
	Collected Money  `json:"collected"`
	Payments  int    `json:"payments"`
}

// DepartmentRevenue is what one department billed; Department is null for the charges
// of no department (manual charges).
type DepartmentRevenue struct {
	Department *int64 `json:"department"`
	Name       string `json:"name"`
	Billed     Money  `json:"billed"`
	Charges    int    `json:"charges"`
}

// maxReportDays bounds a report's period: a year and a day.
const maxReportDays = 367

// revenuePeriod reads a report period: from and to are hospital days (YYYY-MM-DD, both
// included); a missing end defaults to today and the 30 days before it.
func (s *Service) revenuePeriod(from, to string) (string, string, error) {
	f := errs.Fields{}
	today := time.Now().In(s.location())
	end := today
	if to != "" {
		t, err := time.Parse(time.DateOnly, to)
		if err != nil {
			f.Add("to", msgDate)
		}
		end = t
	}
	start := end.AddDate(0, 0, -29)
	if from != "" {
		t, err := time.Parse(time.DateOnly, from)
		if err != nil {
			f.Add("from", msgDate)
		}
		start = t
	}
	if err := f.Err(); err != nil {
		return "", "", err
	}
	switch days := int(end.Sub(start).Hours()/24) + 1; {
	case days < 1:
		return "", "", errs.Field("to", "The end of the period is before its start.")
	case days > maxReportDays:
		return "", "", errs.Field("from", "A report covers at most a year: choose a shorter period.")
	}
	return start.Format(time.DateOnly), end.Format(time.DateOnly), nil
}

const msgDate = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."

// Revenue reports the period from through to (see revenuePeriod), every day listed.
func (s *Service) Revenue(ctx context.Context, from, to string) (Revenue, error) {
	out := Revenue{From: from, To: to, Currency: s.Currency, Days: []DayRevenue{}, Departments: []DepartmentRevenue{}}
	billed, err := billedByDay(ctx, s.DB, from, to)
	if err != nil {
		return out, errs.Wrap("billing.Revenue", err)
	}
	coll, err := collectedByDay(ctx, s.DB, from, to)
	if err != nil {
		return out, errs.Wrap("billing.Revenue", err)
	}
	byDay := map[string]*DayRevenue{}
	start, _ := time.Parse(time.DateOnly, from)
	end, _ := time.Parse(time.DateOnly, to)
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		out.Days = append(out.Days, DayRevenue{Day: d.Format(time.DateOnly)})
	}
	for i := range out.Days {
		byDay[out.Days[i].Day] = &out.Days[i]
	}
	for _, b := range billed {
		if d := byDay[b.day]; d != nil {
			d.Billed, d.Charges = b.amount, b.charges
			out.Billed += b.amount
		}
	}
	for _, c := range coll {
		if d := byDay[c.day]; d != nil {
			d.Collected, d.Payments = c.amount, c.charges
			out.Collected += c.amount
		}
	}
	depts, err := billedByDepartment(ctx, s.DB, from, to)
	if err != nil {
		return out, errs.Wrap("billing.Revenue", err)
	}
	names, err := s.departmentNames(ctx)
	if err != nil {
		return out, errs.Wrap("billing.Revenue", err)
	}
	for _, d := range depts {
		r := DepartmentRevenue{Department: optionalID(d.departmentID), Name: "No department", Billed: d.billed, Charges: d.charges}
		if d.departmentID != 0 {
			r.Name = names[d.departmentID]
			if r.Name == "" {
				r.Name = "Department " + strconv.FormatInt(d.departmentID, 10) // deleted since
			}
		}
		out.Departments = append(out.Departments, r)
	}
	// The largest earners first; ties by name, so the order is stable.
	sort.Slice(out.Departments, func(i, j int) bool {
		a, b := out.Departments[i], out.Departments[j]
		if a.Billed != b.Billed {
			return a.Billed > b.Billed
		}
		return a.Name < b.Name
	})
	return out, nil
}

// departmentNames names every department (a hospital has tens): the price list and the
// revenue report show names where the data holds ids.
func (s *Service) departmentNames(ctx context.Context) (map[int64]string, error) {
	out := map[int64]string{}
	p := web.PageRequest{Page: 1, Size: web.MaxPageSize}
	for {
		list, n, err := s.Departments.List(ctx, &p)
		if err != nil {
			return nil, err
		}
		for _, d := range list {
			out[d.ID] = d.Name
		}
		if p.Page*p.Size >= n {
			return out, nil
		}
		p.Page++
	}
}
