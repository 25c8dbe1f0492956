package billing

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"healthsynx/internal/audit"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
	ui "healthsynx/internal/web"
)

// reportPage is what billing_reports.html shows.
type reportPage struct {
	Form     *ui.Form
	Revenue  Revenue
	Stats    []ui.Stat
	Chart    ui.BarChart
	CSVQuery string
}

func (pg *pages) report(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, to, err := pg.svc.revenuePeriod(q.Get("from"), q.Get("to"))
	if form, invalid := ui.InvalidForm(q, err, "from", "to"); invalid {
		pg.site.Render(w, r, http.StatusOK, "billing_reports.html", "Revenue", reportPage{Form: form})
		return
	}
	rev, err := pg.svc.Revenue(r.Context(), from, to)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	cur := " (" + pg.svc.Currency + ")"
	data := reportPage{Form: &ui.Form{Values: url.Values{"from": {from}, "to": {to}}}, Revenue: rev,
		CSVQuery: url.Values{"from": {from}, "to": {to}}.Encode(),
		Stats: []ui.Stat{{Label: "Billed" + cur, Value: rev.Billed.Display(), Note: from + " to " + to},
			{Label: "Collected" + cur, Value: rev.Collected.Display(), Note: "payments less refunds"}},
		Chart: ui.BarChart{Title: "Collected by day", XLabel: "Day", YLabel: "Collected (" + pg.svc.Currency + ")",
			Format: func(v float64) string { return Money(int64(v * 100)).Display() }},
	}
	for _, d := range rev.Days {
		t, _ := time.Parse(time.DateOnly, d.Day)
		data.Chart.Bars = append(data.Chart.Bars, ui.Bar{Label: t.Format("2 Jan"), Value: float64(d.Collected) / 100})
	}
	pg.site.Render(w, r, http.StatusOK, "billing_reports.html", "Revenue", data)
}

// pricesPage is what billing_prices.html shows: one section of the list in force, a
// page at a time, and the form for a new price.
type pricesPage struct {
	Kind     PriceKind
	Sections []ui.Choice // the sections, to move between them
	Rows     []priceRow
	Pager    ui.Pager
	Form     *ui.Form
	Kinds    []ui.Choice
	CanWrite bool
	Currency string
	// Departments name the consultation codes.
	Departments []ui.Choice
}

type priceRow struct {
	PriceView
	Item  string // what the code names
	Since time.Time
}

// pricesPerPage is the entries of a section one page shows.
const pricesPerPage = 100

var priceFields = []string{"kind", "code", "name", "amount", "effective_from"}

func (pg *pages) prices(w http.ResponseWriter, r *http.Request) {
	pg.renderPrices(w, r, http.StatusOK, &ui.Form{Values: url.Values{"kind": {string(PriceConsultation)}}})
}

func (pg *pages) renderPrices(w http.ResponseWriter, r *http.Request, status int, form *ui.Form) {
	kind := PriceKind(r.URL.Query().Get("kind"))
	if !kind.valid() {
		kind = PriceConsultation
	}
	p, err := web.ParsePage(r)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	p.Size = pricesPerPage
	rows, n, err := pg.svc.Prices(r.Context(), PriceFilter{At: time.Now(), Kind: kind}, &p)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	names, err := pg.svc.departmentNames(r.Context())
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	data := pricesPage{Kind: kind, Pager: ui.NewPager(r, p, n), Form: form, CanWrite: canOf(r).Prices, Currency: pg.svc.Currency}
	for _, k := range PriceKinds {
		data.Kinds = append(data.Kinds, ui.Choice{Value: string(k), Label: k.Label()})
	}
	data.Sections = data.Kinds
	for _, p := range rows {
		row := priceRow{PriceView: p, Item: p.Name}
		row.Since, _ = time.Parse(time.RFC3339Nano, p.EffectiveFrom)
		row.Since = row.Since.In(pg.svc.location())
		if kind == PriceConsultation {
			row.Item = "Hospital default"
			if id, err := strconv.ParseInt(p.Code, 10, 64); err == nil {
				row.Item = names[id]
			}
		}
		data.Rows = append(data.Rows, row)
	}
	for id, name := range names {
		data.Departments = append(data.Departments, ui.Choice{Value: strconv.FormatInt(id, 10), Label: name})
	}
	sortChoices(data.Departments)
	data.Departments = append([]ui.Choice{{Value: DefaultCode, Label: "Hospital default"}}, data.Departments...)
	pg.site.Render(w, r, status, "billing_prices.html", "Prices", data)
}

func (pg *pages) addPrice(w http.ResponseWriter, r *http.Request) {
	if !pg.site.ParseForm(w, r) {
		return
	}
	in := PriceInput{Kind: ui.Posted(r, "kind"), Code: ui.Posted(r, "code"), Name: ui.Posted(r, "name"),
		EffectiveFrom: ui.Posted(r, "effective_from")}
	if PriceKind(r.PostForm.Get("kind")) == PriceConsultation {
		in.Code = ui.Posted(r, "department")
	}
	if a := r.PostForm.Get("amount"); a != "" {
		in.Amount = &MoneyInput{text: a}
	}
	p, err := pg.svc.AddPrice(r.Context(), pg.svc.actor(r), in)
	if form, invalid := ui.InvalidForm(r.PostForm, err, append(priceFields, "department")...); invalid {
		pg.renderPrices(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, p.Name+": "+pg.svc.Currency+" "+p.Amount.Display()+" from "+p.EffectiveFrom[:10]+".")
	http.Redirect(w, r, "/app/billing/prices/", http.StatusSeeOther)
}

// myBillsPage is what billing_my_bills.html shows a patient.
type myBillsPage struct {
	Rows     []InvoiceView
	Pager    ui.Pager
	Owed     Money
	Currency string
}

func (pg *pages) myBills(w http.ResponseWriter, r *http.Request) {
	l, err := pg.svc.Invoices(r.Context(), InvoiceFilter{PatientID: int64(self(r))}, keysetPaging(r))
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	data := myBillsPage{Rows: l.Items, Pager: pager(r, l), Currency: pg.svc.Currency}
	for _, i := range l.Items {
		data.Owed += i.Balance
	}
	pg.site.Render(w, r, http.StatusOK, "billing_my_bills.html", "My bills", data)
}

func (pg *pages) myBill(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return
	}
	d, err := pg.svc.ownInvoice(r.Context(), id, self(r))
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.svc.logRead(event(pg.svc.actor(r), audit.ActionView, objInvoice, d.ID, d.Patient, ""))
	pg.site.Render(w, r, http.StatusOK, "billing_invoice.html", "Invoice "+d.Number, invoicePage{Invoice: d, Mine: true,
		PDF: "/billing/my/invoices/" + strconv.FormatInt(d.ID, 10) + "/pdf/", Receipts: "/billing/my/payments/"})
}

// panel is the billing desk's part of the dashboard: what is unpaid, what came in
// today, and the newest charges.
type panel struct {
	Stats    []ui.Stat
	Recent   []RecentBill
	Currency string
}

func (pg *pages) panel(r *http.Request) (any, error) {
	d, err := pg.svc.Dashboard(r.Context())
	if err != nil {
		return nil, err
	}
	unpaid := ui.Stat{Label: "Unpaid charges", Value: strconv.Itoa(d.TotalPending), Href: "/app/billing/records/?status=unpaid"}
	if d.TotalPending > 0 {
		unpaid.Tone = "warn"
	}
	cur := " (" + pg.svc.Currency + ")"
	return panel{Currency: pg.svc.Currency, Recent: d.RecentBills, Stats: []ui.Stat{unpaid,
		{Label: "Collected today" + cur, Value: d.CollectedToday.Display(), Href: "/app/billing/payments/?since=" + pg.svc.localDay(time.Now())},
		{Label: "Collected in all" + cur, Value: d.TotalCollected.Display(), Href: "/app/billing/reports/"},
		{Label: "Charges", Value: strconv.Itoa(d.TotalBills), Href: "/app/billing/records/"},
	}}, nil
}

// patientPanel tells a patient what they owe.
type patientPanel struct {
	Owed     Money
	Open     int
	Currency string
}

// patientPanelInvoices bounds the invoices the patient's panel adds up; the bills page
// lists them all.
const patientPanelInvoices = 50

func (pg *pages) patientPanel(r *http.Request) (any, error) {
	l, err := pg.svc.Invoices(r.Context(), InvoiceFilter{PatientID: int64(self(r))}, Paging{Keyset: true, Size: patientPanelInvoices})
	if err != nil {
		return nil, errs.Wrap("billing.patientPanel", err)
	}
	p := patientPanel{Currency: pg.svc.Currency}
	for _, i := range l.Items {
		if i.Balance > 0 {
			p.Owed += i.Balance
			p.Open++
		}
	}
	return p, nil
}
