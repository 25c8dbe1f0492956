package billing

// Bulk loading. The synthetic hospital (internal/demo) writes two years of invoices,
// charges and payments straight into the tables; these give it the stored forms the
// service writes, so that its rows settle, list and print as the service's own.

// ConsultationDescription is the description of a consultation charge.
const ConsultationDescription = consultationText

// OpenKey is the open_key of a live invoice: the visit's, or the patient's day's.
func OpenKey(patientID, queueEntryID int64, localDay string) string {
	return openKey(patientID, queueEntryID, localDay)
}

// PaymentReferenceKey is the unique reference_key of a payment (nil for none).
func PaymentReferenceKey(kind PaymentKind, method Method, reference string) any {
	return referenceKey(Payment{Kind: kind, Method: method, Reference: reference})
}

// Settled spreads paid over charges of the given amounts, oldest first, as a payment
// does: what each charge has paid.
func Settled(amounts []Money, paid Money) []Money {
	lines := make([]line, len(amounts))
	for i, a := range amounts {
		lines[i] = line{amount: a}
	}
	out := make([]Money, len(amounts))
	for i, l := range settle(lines, paid) {
		out[i] = l.paid
	}
	return out
}

// StatusOf is the stored status of an invoice with these figures.
func StatusOf(inv Invoice) InvoiceStatus { return inv.status() }
