package billing

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"healthsynx/internal/platform/errs"
	ui "healthsynx/internal/web"
)

// payPage is what billing_pay.html and billing_refund.html show.
type payPage struct {
	Invoice  InvoiceDetail
	Form     *ui.Form
	Methods  []ui.Choice
	Currency string
}

func methodChoices() []ui.Choice {
	out := make([]ui.Choice, len(Methods))
	for i, m := range Methods {
		out[i] = ui.Choice{Value: string(m), Label: m.Label()}
	}
	return out
}

// payFields are the inputs of the payment form. The card's authorisation code has a
// name of its own, so that the hidden mobile-money field does not shadow it.
var payFields = []string{"method", "amount", "reference", "card_reference", "insurer", "member_number"}

// invoiceOf loads the invoice of the path, or renders the error page.
func (pg *pages) invoiceOf(w http.ResponseWriter, r *http.Request) (InvoiceDetail, bool) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return InvoiceDetail{}, false
	}
	d, err := pg.svc.Invoice(r.Context(), id)
	if err != nil {
		pg.site.Error(w, r, err)
		return d, false
	}
	return d, true
}

func (pg *pages) payForm(w http.ResponseWriter, r *http.Request) {
	d, ok := pg.invoiceOf(w, r)
	if !ok {
		return
	}
	form := &ui.Form{Values: url.Values{"method": {string(Cash)}, "amount": {d.Balance.String()}}}
	pg.renderPay(w, r, http.StatusOK, d, form)
}

func (pg *pages) renderPay(w http.ResponseWriter, r *http.Request, status int, d InvoiceDetail, form *ui.Form) {
	pg.site.Render(w, r, status, "billing_pay.html", "Take a payment: "+d.Number,
		payPage{Invoice: d, Form: form, Methods: methodChoices(), Currency: pg.svc.Currency})
}

func (pg *pages) pay(w http.ResponseWriter, r *http.Request) {
	d, ok := pg.invoiceOf(w, r)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	in := PaymentInput{Method: ui.Posted(r, "method"), Amount: formAmount(r), Reference: ui.Posted(r, "reference"),
		Insurer: ui.Posted(r, "insurer"), MemberNumber: ui.Posted(r, "member_number")}
	card := Method(r.PostForm.Get("method")) == Card
	if card {
		in.Reference = ui.Posted(r, "card_reference")
	}
	p, err := pg.svc.Pay(r.Context(), pg.svc.actor(r), d.ID, in)
	if card {
		err = renameField(err, "reference", "card_reference")
	}
	if form, invalid := ui.InvalidForm(r.PostForm, err, payFields...); invalid {
		pg.renderPay(w, r, http.StatusUnprocessableEntity, d, form)
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Payment "+p.ReceiptNumber+" of "+pg.svc.Currency+" "+p.Amount.Display()+" recorded. Print its receipt below.")
	http.Redirect(w, r, invoicePath(d.ID), http.StatusSeeOther)
}

// formAmount is the form's amount; left blank, it is absent, and so required.
func formAmount(r *http.Request) *MoneyInput {
	if a := r.PostForm.Get("amount"); a != "" {
		return &MoneyInput{text: a}
	}
	return nil
}

// renameField moves a field error to the name the form gave the field.
func renameField(err error, from, to string) error {
	var e *errs.Error
	if !errors.As(err, &e) || e.Fields[from] == nil {
		return err
	}
	e.Fields[to] = e.Fields[from]
	delete(e.Fields, from)
	return e
}

func invoicePath(id int64) string { return "/app/billing/invoices/" + strconv.FormatInt(id, 10) + "/" }

func (pg *pages) issue(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return
	}
	d, err := pg.svc.Issue(r.Context(), pg.svc.actor(r), id)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Invoice "+d.Number+" issued.")
	http.Redirect(w, r, invoicePath(id), http.StatusSeeOther)
}

var refundFields = []string{"method", "amount", "reference", "reason"}

func (pg *pages) refundForm(w http.ResponseWriter, r *http.Request) {
	d, ok := pg.invoiceOf(w, r)
	if !ok {
		return
	}
	// Credit is what a refund usually returns; without credit the amount is the desk's call.
	form := &ui.Form{Values: url.Values{"method": {string(Cash)}}}
	if d.Credit > 0 {
		form.Values.Set("amount", d.Credit.String())
	}
	pg.renderRefund(w, r, http.StatusOK, d, form)
}

func (pg *pages) renderRefund(w http.ResponseWriter, r *http.Request, status int, d InvoiceDetail, form *ui.Form) {
	pg.site.Render(w, r, status, "billing_refund.html", "Refund: "+d.Number,
		payPage{Invoice: d, Form: form, Methods: methodChoices(), Currency: pg.svc.Currency})
}

func (pg *pages) refund(w http.ResponseWriter, r *http.Request) {
	d, ok := pg.invoiceOf(w, r)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	in := RefundInput{Method: ui.Posted(r, "method"), Amount: formAmount(r), Reference: ui.Posted(r, "reference"), Reason: ui.Posted(r, "reason")}
	p, err := pg.svc.Refund(r.Context(), pg.svc.actor(r), d.ID, in)
	if form, invalid := ui.InvalidForm(r.PostForm, err, refundFields...); invalid {
		pg.renderRefund(w, r, http.StatusUnprocessableEntity, d, form)
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Refund "+p.ReceiptNumber+" of "+pg.svc.Currency+" "+p.Amount.Display()+" recorded.")
	http.Redirect(w, r, invoicePath(d.ID), http.StatusSeeOther)
}

func (pg *pages) confirmVoidInvoice(w http.ResponseWriter, r *http.Request) {
	d, ok := pg.invoiceOf(w, r)
	if !ok {
		return
	}
	pg.renderVoidInvoice(w, r, http.StatusOK, d, &ui.Form{})
}

func (pg *pages) renderVoidInvoice(w http.ResponseWriter, r *http.Request, status int, d InvoiceDetail, form *ui.Form) {
	msg := "Each of its charges is voided and a reversal recorded beside it. Nothing is deleted."
	if d.Paid > 0 {
		msg = "Refund the " + pg.svc.Currency + " " + d.Paid.Display() + " paid on it first: an invoice with money on it cannot be voided."
	}
	pg.site.Render(w, r, status, "confirm.html", "Void "+d.Number, ui.Confirm{
		Heading: "Void invoice " + d.Number + " of " + d.PatientName + "?", Message: msg,
		Action: invoicePath(d.ID) + "void/", Submit: "Void invoice", Cancel: invoicePath(d.ID), Danger: true, Reason: true, Form: form,
	})
}

func (pg *pages) voidInvoice(w http.ResponseWriter, r *http.Request) {
	d, ok := pg.invoiceOf(w, r)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	_, err := pg.svc.VoidInvoice(r.Context(), pg.svc.actor(r), d.ID, r.PostForm.Get("reason"))
	if form, invalid := ui.InvalidForm(r.PostForm, err, "reason"); invalid {
		pg.renderVoidInvoice(w, r, http.StatusUnprocessableEntity, d, form)
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Invoice "+d.Number+" voided.")
	http.Redirect(w, r, invoicePath(d.ID), http.StatusSeeOther)
}

func (pg *pages) confirmVoidRecord(w http.ResponseWriter, r *http.Request) {
	rec, ok := pg.recordOf(w, r)
	if !ok {
		return
	}
	pg.renderVoidRecord(w, r, http.StatusOK, rec, &ui.Form{})
}

func (pg *pages) recordOf(w http.ResponseWriter, r *http.Request) (Record, bool) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return Record{}, false
	}
	rec, err := pg.svc.Charge(r.Context(), id)
	if err != nil {
		pg.site.Error(w, r, err)
		return rec, false
	}
	return rec, true
}

func (pg *pages) renderVoidRecord(w http.ResponseWriter, r *http.Request, status int, rec Record, form *ui.Form) {
	msg := "A reversal of " + pg.svc.Currency + " " + (-rec.Amount).Display() + " is recorded beside it; the record stays, marked void."
	if rec.AmountPaid > 0 {
		msg += " What was paid on it stays on the invoice: it covers the other charges, or becomes credit to refund."
	}
	pg.site.Render(w, r, status, "confirm.html", "Void charge", ui.Confirm{
		Heading: "Void \u201c" + rec.Description + "\u201d, " + pg.svc.Currency + " " + rec.Amount.Display() + ", for " + rec.PatientName + "?",
		Message: msg, Action: "/app/billing/records/" + strconv.FormatInt(rec.ID, 10) + "/void/", Submit: "Void charge",
		Cancel: invoicePath(rec.Invoice), Danger: true, Reason: true, Form: form,
	})
}

func (pg *pages) voidRecord(w http.ResponseWriter, r *http.Request) {
	rec, ok := pg.recordOf(w, r)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	_, err := pg.svc.VoidCharge(r.Context(), pg.svc.actor(r), rec.ID, r.PostForm.Get("reason"))
	if form, invalid := ui.InvalidForm(r.PostForm, err, "reason"); invalid {
		pg.renderVoidRecord(w, r, http.StatusUnprocessableEntity, rec, form)
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Charge voided; its reversal is on invoice "+rec.InvoiceNumber+".")
	http.Redirect(w, r, invoicePath(rec.Invoice), http.StatusSeeOther)
}

// newRecordPage is what billing_record_new.html shows: the patient search until a
// patient is chosen, then the charge form.
type newRecordPage struct {
	Finder     finder
	Choices    []choice
	Form       *ui.Form
	Categories []ui.Choice
	Currency   string
}

var recordFields = []string{"amount", "category", "description"}

func (pg *pages) newRecord(w http.ResponseWriter, r *http.Request) {
	fd, err := pg.findPatient(r)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.renderNewRecord(w, r, http.StatusOK, fd, &ui.Form{Values: url.Values{"category": {string(Other)}}})
}

func (pg *pages) renderNewRecord(w http.ResponseWriter, r *http.Request, status int, fd finder, form *ui.Form) {
	pg.site.Render(w, r, status, "billing_record_new.html", "Add a charge", newRecordPage{Finder: fd, Choices: choices(r, fd),
		Form: form, Categories: categoryChoices(), Currency: pg.svc.Currency})
}

func (pg *pages) createRecord(w http.ResponseWriter, r *http.Request) {
	fd, err := pg.findPatient(r)
	if err != nil || !pg.site.ParseForm(w, r) {
		if err != nil {
			pg.site.Error(w, r, err)
		}
		return
	}
	if fd.Patient == nil {
		pg.site.NotFound(w, r)
		return
	}
	id := fd.Patient.ID
	in := RecordInput{Patient: &id, Amount: formAmount(r), Category: ui.Posted(r, "category"), Description: ui.Posted(r, "description")}
	rec, err := pg.svc.CreateCharge(r.Context(), pg.svc.actor(r), in)
	if form, invalid := ui.InvalidForm(r.PostForm, err, recordFields...); invalid {
		pg.renderNewRecord(w, r, http.StatusUnprocessableEntity, fd, form)
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, "Charge of "+pg.svc.Currency+" "+rec.Amount.Display()+" added to invoice "+rec.InvoiceNumber+".")
	http.Redirect(w, r, invoicePath(rec.Invoice), http.StatusSeeOther)
}
