package billing

import (
	"net/http"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
)

const (
	tag        = "billing"
	listPaging = "Newest first. Paged by page number as the original was ({count, next, previous, results}), " +
		"or by keyset at any depth: send cursor= (empty) for the first page and follow next and previous ({next, previous, results})."
	cursorPaging = "Newest first, paged by cursor: follow next and previous. page_size is 10 by default, at most 50."
)

// Routes registers the billing API: the original's billing records (E-55..E-59), the
// billing dashboard (E-17), and what HealthSynx adds: invoices, payments and refunds,
// receipts, the price list, revenue reports, and a patient's own bills.
func (s *Service) Routes(rt *web.Router) {
	recordQuery := append([]web.Param{patientParam,
		{Name: "invoice", Type: "integer", Description: "Only the records of this invoice."},
		{Name: "category", Type: "string", Description: "Only this category: consultation, pharmacy, lab, imaging or other."},
		{Name: "status", Type: "string", Description: "Only records in this state: unpaid (partly paid included), paid, void or reversal."},
		{Name: "paid", Type: "boolean", Description: "true: only paid records; false: only unpaid ones (void records and reversals are neither)."},
		{Name: "page", Type: "integer", Description: "Page number (page-number paging)."},
	}, periodParams...)
	route := func(r web.Route) {
		r.Tag = tag
		rt.Handle(r)
	}
	route(web.Route{Method: "GET", Path: "/billing/", Perm: auth.BillingRead, Handler: apiRoot, Response: Root{},
		Summary: "API root of the billing module, as the original's router served it"})
	route(web.Route{Method: "GET", Path: "/billing/billing/", Perm: auth.BillingRead, Handler: listing(s.chargeQuery, s.Charges),
		Summary: "List billing records (charges)", Description: listPaging, Response: Record{}, List: true, Cursor: true, Query: recordQuery})
	route(web.Route{Method: "POST", Path: "/billing/billing/", Perm: auth.BillingWrite, Handler: web.Handle(http.StatusCreated, s.apiCreateRecord),
		Summary: "Record a manual charge", Status: http.StatusCreated, Request: RecordInput{}, Response: Record{},
		Description: "The charge goes on the patient's invoice of the day. paid cannot be set: record a payment (mark-paid) instead. category defaults to other."})
	route(web.Route{Method: "GET", Path: "/billing/billing/totals/", Perm: auth.BillingRead, Handler: s.apiTotals, Response: Totals{},
		Summary: "Every record summed by category, and the grand total (JSON numbers, as the original)"})
	route(web.Route{Method: "GET", Path: "/billing/billing/{id}/", Perm: auth.BillingRead, Handler: s.apiRecord, Response: Record{},
		Summary: "Get a billing record"})
	for _, m := range []struct {
		method, summary string
		partial         bool
	}{{"PUT", "Replace the amount, category and description of an unpaid record", false},
		{"PATCH", "Change the amount, category or description of an unpaid record", true}} {
		route(web.Route{Method: m.method, Path: "/billing/billing/{id}/", Perm: auth.BillingWrite, Handler: s.apiUpdateRecord(m.partial),
			Summary: m.summary, Request: RecordInput{}, Response: Record{},
			Description: "A record with any payment on it is locked (403); an administrator voids it instead. The patient and paid cannot be changed."})
	}
	route(web.Route{Method: "DELETE", Path: "/billing/billing/{id}/", Perm: auth.BillingVoid, Handler: voiding(s, s.VoidCharge), Request: Reason{}, Response: Record{},
		Summary:     "Void a billing record, with a reason (records are never deleted)",
		Description: "The record stays, marked void, and a reversal of the opposite amount is recorded. The reason is required, in the body or as ?reason=.",
		Query:       []web.Param{{Name: "reason", Type: "string", Description: "Why the record is voided (or send it in the body)."}}})
	route(web.Route{Method: "POST", Path: "/billing/billing/{id}/void/", Perm: auth.BillingVoid, Handler: voiding(s, s.VoidCharge), Request: Reason{}, Response: Record{},
		Summary: "Void a billing record, with a reason; a reversal is recorded beside it"})
	route(web.Route{Method: "POST", Path: "/billing/billing/{id}/mark-paid/", Perm: auth.BillingWrite, Handler: s.apiMarkPaid, Request: PaymentInput{},
		Produces: "application/pdf", Summary: "Record full payment of a record and answer with its receipt (PDF)",
		Description: "Pays what the record still lacks, in cash unless a method is given (the body is optional). A record already paid is refused (400)."})

	route(web.Route{Method: "GET", Path: "/billing/invoices/", Perm: auth.BillingRead, Handler: listing(s.invoiceQuery, s.Invoices), Response: InvoiceView{},
		List: true, Cursor: true, Summary: "List invoices", Description: listPaging,
		Query: append([]web.Param{patientParam,
			{Name: "status", Type: "string", Description: "Only this status: draft, issued, partially_paid, paid or void."},
			{Name: "page", Type: "integer", Description: "Page number (page-number paging)."}}, periodParams...)})
	route(web.Route{Method: "GET", Path: "/billing/invoices/{id}/", Perm: auth.BillingRead, Handler: s.apiInvoice, Response: InvoiceDetail{},
		Summary: "Get an invoice with its lines, payments and totals by category"})
	route(web.Route{Method: "GET", Path: "/billing/invoices/{id}/pdf/", Perm: auth.BillingRead, Handler: s.apiInvoicePDF, Produces: "application/pdf",
		Summary: "The invoice as a PDF"})
	route(web.Route{Method: "POST", Path: "/billing/invoices/{id}/issue/", Perm: auth.BillingWrite, Handler: s.apiIssue, Response: InvoiceDetail{},
		Summary: "Issue a draft invoice to the patient"})
	route(web.Route{Method: "POST", Path: "/billing/invoices/{id}/payments/", Perm: auth.BillingWrite, Handler: web.HandleID(http.StatusCreated, s.apiPay), Request: PaymentInput{},
		Response: PaymentView{}, Status: http.StatusCreated, Summary: "Take a payment on an invoice",
		Description: "Partial payments are accepted; more than the balance is refused. Mobile money needs its transaction reference (unique), insurance the insurer and member number."})
	route(web.Route{Method: "POST", Path: "/billing/invoices/{id}/refunds/", Perm: auth.BillingVoid, Handler: web.HandleID(http.StatusCreated, s.apiRefund), Request: RefundInput{},
		Response: PaymentView{}, Status: http.StatusCreated, Summary: "Refund money paid on an invoice, with a reason"})
	route(web.Route{Method: "POST", Path: "/billing/invoices/{id}/void/", Perm: auth.BillingVoid, Handler: voiding(s, s.VoidInvoice), Request: Reason{},
		Response: InvoiceDetail{}, Summary: "Void an invoice and each of its charges, with a reason",
		Description: "An invoice with money on it is refunded first."})

	route(web.Route{Method: "GET", Path: "/billing/payments/", Perm: auth.BillingRead, Handler: listing(s.paymentQuery, s.Payments), Response: PaymentView{},
		List: true, Cursor: true, Summary: "List payments and refunds", Description: cursorPaging,
		Query: append([]web.Param{patientParam, {Name: "invoice", Type: "integer", Description: "Only those of this invoice."}}, periodParams...)})
	route(web.Route{Method: "GET", Path: "/billing/payments/{id}/", Perm: auth.BillingRead, Handler: s.apiPayment, Response: PaymentView{},
		Summary: "Get a payment or a refund"})
	route(web.Route{Method: "GET", Path: "/billing/payments/{id}/receipt/", Perm: auth.BillingRead, Handler: s.apiReceipt, Produces: "application/pdf",
		Summary: "The receipt of a payment or a refund, as a PDF"})

	route(web.Route{Method: "GET", Path: "/billing/prices/", Perm: auth.PriceListRead, Handler: s.apiPrices, Response: PriceView{}, List: true,
		Summary: "The price list in force (or at a date), or every version of one item",
		Query: []web.Param{
			{Name: "kind", Type: "string", Description: "Only this section: consultation, lab, imaging or medicine."},
			{Name: "code", Type: "string", Description: "Every version of this item (with kind), newest first."},
			{Name: "at", Type: "string", Description: "The prices in force on this day (YYYY-MM-DD) or at this time; default now."},
		}})
	route(web.Route{Method: "POST", Path: "/billing/prices/", Perm: auth.PriceListWrite, Handler: web.Handle(http.StatusCreated, s.apiAddPrice), Request: PriceInput{},
		Response: PriceView{}, Status: http.StatusCreated, Summary: "Set an item's price from a date",
		Description: "A new version of the item's price; charges already made keep their amounts. A consultation fee's code is the department's id, or \"default\"."})

	period := []web.Param{
		{Name: "from", Type: "string", Description: "First hospital day (YYYY-MM-DD); default 29 days before to."},
		{Name: "to", Type: "string", Description: "Last hospital day, included; default today."},
	}
	route(web.Route{Method: "GET", Path: "/billing/reports/revenue/", Perm: auth.BillingRead, Handler: s.apiRevenue, Response: Revenue{}, Query: period,
		Summary: "Revenue billed and collected by hospital day, and billed by department"})
	route(web.Route{Method: "GET", Path: "/billing/reports/revenue/days/csv/", Perm: auth.BillingRead, Handler: s.apiRevenueCSV(revenueDaysCSV),
		Produces: "text/csv", Query: period, Summary: "Revenue by hospital day, as CSV"})
	route(web.Route{Method: "GET", Path: "/billing/reports/revenue/departments/csv/", Perm: auth.BillingRead, Handler: s.apiRevenueCSV(revenueDepartmentsCSV),
		Produces: "text/csv", Query: period, Summary: "Revenue by department, as CSV"})

	rt.Handle(web.Route{Method: "GET", Path: "/users/billing/", Perm: auth.DashboardBilling, Handler: s.apiDashboard, Tag: "dashboards",
		Response: Dashboard{}, Summary: "The billing dashboard: record counts, money collected (all time and today), the five newest records"})

	s.selfRoutes(route)
}

// Root is the billing API root.
type Root struct {
	Billing string `json:"billing"`
}

func apiRoot(w http.ResponseWriter, r *http.Request) {
	web.JSON(w, http.StatusOK, Root{Billing: web.AbsoluteURL(r, "/billing/billing/")})
}

// Reason is the body of a void.
type Reason struct {
	Reason *string `json:"reason"`
}
