package billing

import (
	"net/http"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
)

// A patient reads their own bills under /billing/my/: the lists hold only theirs, and
// another patient's invoice or receipt is 404, so that ids cannot be probed. (A route has
// one permission, and the staff lists' permission is not a patient's; an administrator,
// who holds every permission, has no bills of their own and finds these empty.)

// selfRoutes registers the patient's own billing routes.
func (s *Service) selfRoutes(route func(web.Route)) {
	const own = "The caller's own, as a patient; another patient's is not found (404)."
	route(web.Route{Method: "GET", Path: "/billing/my/records/", Perm: auth.PatientSelf, Handler: listing(ownCharges, s.Charges),
		Summary: "The caller's own billing records", Description: own + " " + listPaging,
		Response: Record{}, List: true, Cursor: true})
	route(web.Route{Method: "GET", Path: "/billing/my/invoices/", Perm: auth.PatientSelf, Handler: listing(ownInvoices, s.Invoices),
		Summary: "The caller's own invoices", Description: own + " " + listPaging,
		Response: InvoiceView{}, List: true, Cursor: true})
	route(web.Route{Method: "GET", Path: "/billing/my/invoices/{id}/", Perm: auth.PatientSelf, Handler: s.apiMyInvoice,
		Summary: "One of the caller's own invoices", Description: own, Response: InvoiceDetail{}})
	route(web.Route{Method: "GET", Path: "/billing/my/invoices/{id}/pdf/", Perm: auth.PatientSelf, Handler: s.apiMyInvoicePDF,
		Summary: "One of the caller's own invoices, as a PDF", Description: own, Produces: "application/pdf"})
	route(web.Route{Method: "GET", Path: "/billing/my/payments/", Perm: auth.PatientSelf, Handler: listing(ownPayments, s.Payments),
		Summary: "The caller's own payments and refunds", Description: own + " " + cursorPaging,
		Response: PaymentView{}, List: true, Cursor: true})
	route(web.Route{Method: "GET", Path: "/billing/my/payments/{id}/receipt/", Perm: auth.PatientSelf, Handler: s.apiMyReceipt,
		Summary: "The receipt of one of the caller's own payments, as a PDF", Description: own, Produces: "application/pdf"})
}

// self is the caller as the owner of bills.
func self(r *http.Request) ownerCheck { return ownerCheck(auth.FromContext(r.Context()).UserID) }

func (s *Service) apiMyInvoice(w http.ResponseWriter, r *http.Request) { s.serveInvoice(w, r, self(r)) }

func (s *Service) apiMyInvoicePDF(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	doc, err := s.invoicePDF(r.Context(), id, self(r))
	s.sendPDF(w, r, doc, err, objInvoice, "")
}

func (s *Service) apiMyReceipt(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	doc, err := s.receiptPDF(r.Context(), id, self(r))
	s.sendPDF(w, r, doc, err, objPayment, "")
}
