package billing

import (
	"context"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
)

// document is a rendered invoice or receipt.
type document struct {
	PDF       []byte
	Filename  string // e.g. INV-000042.pdf
	PatientID int64
	ObjectID  int64
}

// ownerCheck is 0 for staff, who may read any patient's documents, and the patient's
// own id for a patient, who may read only theirs: another's is not found.
type ownerCheck int64

func (o ownerCheck) allows(patientID int64) bool { return o == 0 || int64(o) == patientID }

// invoicePDF renders one invoice.
func (s *Service) invoicePDF(ctx context.Context, id int64, owner ownerCheck) (document, error) {
	d, err := s.ownInvoice(ctx, id, owner)
	if err != nil {
		return document{}, err
	}
	b, err := renderPDF(s.sheet("Invoice", d.Number, d, nil))
	return document{PDF: b, Filename: d.Number + ".pdf", PatientID: d.Patient, ObjectID: d.ID}, errs.Wrap("billing.invoicePDF", err)
}

// receiptPDF renders the receipt of one payment or refund, with its invoice as it
// stands now.
func (s *Service) receiptPDF(ctx context.Context, id int64, owner ownerCheck) (document, error) {
	p, err := s.Payment(ctx, id)
	if err != nil || !owner.allows(p.Patient) {
		return document{}, notFoundOr(err)
	}
	d, err := s.Invoice(ctx, p.Invoice)
	if err != nil {
		return document{}, err
	}
	title := "Receipt"
	if p.Kind == string(KindRefund) {
		title = "Refund"
	}
	b, err := renderPDF(s.sheet(title, p.ReceiptNumber, d, &p))
	return document{PDF: b, Filename: p.ReceiptNumber + ".pdf", PatientID: p.Patient, ObjectID: p.ID}, errs.Wrap("billing.receiptPDF", err)
}

func (s *Service) sheet(title, number string, d InvoiceDetail, p *PaymentView) sheet {
	return sheet{title: title, number: number, hospital: s.Hospital, currency: s.Currency, loc: s.location(),
		invoice: d, payment: p, printed: db.Now()}
}

// ownInvoice returns an invoice the owner may read.
func (s *Service) ownInvoice(ctx context.Context, id int64, owner ownerCheck) (InvoiceDetail, error) {
	d, err := s.Invoice(ctx, id)
	if err != nil || !owner.allows(d.Patient) {
		return InvoiceDetail{}, notFoundOr(err)
	}
	return d, nil
}

// notFoundOr is err, or NotFound when there is none (the object is someone else's).
func notFoundOr(err error) error {
	if err != nil {
		return err
	}
	return notFound
}
