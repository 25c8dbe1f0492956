package billing

import (
	"net/http"
	"strconv"

	"healthsynx/internal/audit"
	"healthsynx/internal/platform/web"
)

func (s *Service) apiInvoice(w http.ResponseWriter, r *http.Request) {
	s.serveInvoice(w, r, 0)
}

// serveInvoice answers with the invoice of the path, if owner may read it.
func (s *Service) serveInvoice(w http.ResponseWriter, r *http.Request, owner ownerCheck) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	d, err := s.ownInvoice(r.Context(), id, owner)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	s.logRead(event(s.actor(r), audit.ActionView, objInvoice, d.ID, d.Patient, ""))
	web.JSON(w, http.StatusOK, d)
}

func (s *Service) apiInvoicePDF(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	doc, err := s.invoicePDF(r.Context(), id, 0)
	s.sendPDF(w, r, doc, err, objInvoice, "")
}

// sendPDF answers with a document (inline, so the browser shows it and can print it),
// or with err.
func (s *Service) sendPDF(w http.ResponseWriter, r *http.Request, doc document, err error, object, filename string) {
	if err != nil {
		web.Error(w, r, err)
		return
	}
	if filename == "" {
		filename = doc.Filename
	}
	s.logRead(event(s.actor(r), audit.ActionExport, object, doc.ObjectID, doc.PatientID, filename))
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="`+filename+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(doc.PDF)))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(doc.PDF)
}

// sendReceipt answers with the receipt of payment id under filename ("" for its own).
func (s *Service) sendReceipt(w http.ResponseWriter, r *http.Request, id int64, filename string) {
	doc, err := s.receiptPDF(r.Context(), id, 0)
	s.sendPDF(w, r, doc, err, objPayment, filename)
}

func (s *Service) apiIssue(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	d, err := s.Issue(r.Context(), s.actor(r), id)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, d)
}

func (s *Service) apiPay(r *http.Request, id int64, in PaymentInput) (PaymentView, error) {
	return s.Pay(r.Context(), s.actor(r), id, in)
}

func (s *Service) apiRefund(r *http.Request, id int64, in RefundInput) (PaymentView, error) {
	return s.Refund(r.Context(), s.actor(r), id, in)
}

func (s *Service) apiPayment(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	p, err := s.Payment(r.Context(), id)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, p)
}

func (s *Service) apiReceipt(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	s.sendReceipt(w, r, id, "")
}
