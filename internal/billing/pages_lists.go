package billing

import (
	"net/http"
	"net/url"
	"strconv"

	"healthsynx/internal/audit"
	ui "healthsynx/internal/web"
)

// listPage is what billing_list.html shows: one of the desk's three lists (Kind is
// "invoices", "records" or "payments"), which share their filters.
type listPage[T any] struct {
	Kind     string
	Filter   *ui.Form // the query as typed, with each bad filter's error beside it
	Finder   finder
	Choices  []choice
	Filtered bool
	Rows     []T
	Pager    ui.Pager
	Statuses []ui.Choice
	// Categories is the category filter, on the records list only.
	Categories []ui.Choice
	Can        can
	Currency   string
}

// filterForm shows the query as typed; a bad filter's error goes beside its field.
func filterForm(q url.Values, err error) *ui.Form {
	if form, ok := ui.InvalidForm(q, err, "since", "until", "status", "category", "patient"); ok {
		return form
	}
	return &ui.Form{Values: q}
}

// filtered reports whether the query narrows the list.
func filtered(q url.Values) bool {
	for _, k := range []string{"q", "patient", "status", "category", "since", "until"} {
		if q.Get(k) != "" {
			return true
		}
	}
	return false
}

var invoiceStatusChoices = []ui.Choice{{Value: string(Draft), Label: "Draft"}, {Value: string(Issued), Label: "Issued, unpaid"},
	{Value: string(PartiallyPaid), Label: "Partially paid"}, {Value: string(FullyPaid), Label: "Paid"}, {Value: string(Voided), Label: "Void"}}

func categoryChoices() []ui.Choice {
	out := make([]ui.Choice, len(Categories))
	for i, c := range Categories {
		out[i] = ui.Choice{Value: string(c), Label: c.Label()}
	}
	return out
}

var chargeStatusChoices = []ui.Choice{{Value: string(Unpaid), Label: "Unpaid"}, {Value: string(Paid), Label: "Paid"},
	{Value: string(Void), Label: "Void"}, {Value: string(Reversal), Label: "Reversals"}}

func (pg *pages) invoices(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, ferr := pg.svc.invoiceFilterOf(withoutPatient(q))
	fd, err := pg.findPatient(r)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	data := listPage[InvoiceView]{Kind: "invoices", Filter: filterForm(q, ferr), Finder: fd, Choices: choices(r, fd), Filtered: filtered(q),
		Statuses: invoiceStatusChoices, Can: canOf(r), Currency: pg.svc.Currency}
	if ferr == nil && fd.Choices == nil && !fd.NoMatch {
		f.PatientID = fd.patientID()
		l, err := pg.svc.Invoices(r.Context(), f, keysetPaging(r))
		if err != nil {
			pg.site.Error(w, r, err)
			return
		}
		data.Rows, data.Pager = l.Items, pager(r, l)
	}
	pg.site.Render(w, r, http.StatusOK, "billing_list.html", "Invoices", data)
}

// withoutPatient leaves the patient to the finder, which also reads ?q=.
func withoutPatient(q url.Values) url.Values {
	c := url.Values{}
	for k, v := range q {
		if k != "patient" {
			c[k] = v
		}
	}
	return c
}

func (pg *pages) records(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, ferr := pg.svc.chargeFilterOf(withoutPatient(q))
	fd, err := pg.findPatient(r)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	data := listPage[Record]{Kind: "records", Filter: filterForm(q, ferr), Finder: fd, Choices: choices(r, fd), Filtered: filtered(q),
		Statuses: chargeStatusChoices, Categories: categoryChoices(), Can: canOf(r), Currency: pg.svc.Currency}
	if ferr == nil && fd.Choices == nil && !fd.NoMatch {
		f.PatientID = fd.patientID()
		l, err := pg.svc.Charges(r.Context(), f, keysetPaging(r))
		if err != nil {
			pg.site.Error(w, r, err)
			return
		}
		data.Rows, data.Pager = l.Items, pager(r, l)
	}
	pg.site.Render(w, r, http.StatusOK, "billing_list.html", "Charges", data)
}

func (pg *pages) payments(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, ferr := pg.svc.paymentFilterOf(withoutPatient(q))
	fd, err := pg.findPatient(r)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	data := listPage[PaymentView]{Kind: "payments", Filter: filterForm(q, ferr), Finder: fd, Choices: choices(r, fd), Filtered: filtered(q),
		Can: canOf(r), Currency: pg.svc.Currency}
	if ferr == nil && fd.Choices == nil && !fd.NoMatch {
		f.PatientID = fd.patientID()
		l, err := pg.svc.Payments(r.Context(), f, keysetPaging(r))
		if err != nil {
			pg.site.Error(w, r, err)
			return
		}
		data.Rows, data.Pager = l.Items, pager(r, l)
	}
	pg.site.Render(w, r, http.StatusOK, "billing_list.html", "Payments", data)
}

// invoicePage is what billing_invoice.html shows, to staff and to the patient.
type invoicePage struct {
	Invoice  InvoiceDetail
	Can      can
	Mine     bool   // the patient's own view: their PDF links, no desk actions
	PDF      string // the invoice's PDF
	Receipts string // the receipts' address, up to the payment id
}

func (pg *pages) invoice(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return
	}
	d, err := pg.svc.ownInvoice(r.Context(), id, 0)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.svc.logRead(event(pg.svc.actor(r), audit.ActionView, objInvoice, d.ID, d.Patient, ""))
	pg.site.Render(w, r, http.StatusOK, "billing_invoice.html", "Invoice "+d.Number, invoicePage{Invoice: d, Can: canOf(r),
		PDF: "/billing/invoices/" + strconv.FormatInt(d.ID, 10) + "/pdf/", Receipts: "/billing/payments/"})
}
