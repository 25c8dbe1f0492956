package demo

import (
	"fmt"
	"strconv"
	"time"

	"healthsynx/internal/billing"
	"healthsynx/internal/platform/auth"
)

// Bills. A visit that ended with the doctor (or the nurse) has an invoice with its
// consultation, the tests whose results came back and the medicines dispensed, each a
// charge at the time it was made, as the modules that make them would charge them; the
// payments taken at the desk settle the charges oldest first, as the billing module
// settles them.

// charge is a charge of the visit being billed.
type charge struct {
	at          time.Time
	category    billing.Category
	description string
	price       price
	quantity    int
	cause       any // the unique cause key, or nil
	dept, by    int64
}

// bill writes the visit's invoice, charges and payments.
func (g *generator) bill(b *batch, d dice, who *person, v *visitPlan, entry, dept, doctor int64, medicines []string) {
	h := g.h
	charges := g.charges[:0]
	for i, o := range v.cond.tests {
		if v.tests&(1<<i) == 0 {
			continue
		}
		key := testKey(o.code)
		c := charge{at: v.resulted, category: billing.Lab, price: h.items[key], quantity: 1,
			dept: h.dept["Lab"], by: h.someone(d, auth.RoleLabTech)}
		if key.Kind == billing.PriceImaging {
			c.category, c.dept, c.by = billing.Imaging, h.dept["Radiology"], h.someone(d, auth.RoleImagingTech)
		}
		charges = append(charges, c)
	}
	charges = append(charges, charge{at: v.done, category: billing.Consultation, description: billing.ConsultationDescription,
		price: h.consultationFee(dept), quantity: 1, cause: billing.ConsultationCauseKey(entry), dept: dept, by: doctor})
	for _, m := range medicines {
		charges = append(charges, charge{at: v.dispensed.Add(time.Duration(len(charges)) * time.Second), category: billing.Pharmacy,
			price: h.items[medicineKey(m)], quantity: d.between(1, 3), dept: h.dept["Pharmacy"], by: h.someone(d, auth.RolePharmacist)})
	}
	g.charges = charges

	amounts := g.amounts[:0]
	var total billing.Money
	for _, c := range charges {
		amounts = append(amounts, c.price.amount*billing.Money(c.quantity))
		total += amounts[len(amounts)-1]
	}
	g.amounts = amounts
	payments := instalments(d, total, len(v.payments), v.partial)
	var paid billing.Money
	for _, p := range payments {
		paid += p
	}
	inv := billing.Invoice{Total: total, Paid: paid}
	updated := charges[len(charges)-1].at
	switch {
	case len(v.payments) > 0:
		inv.IssuedAt = &v.payments[0] // taking money hands the invoice over
		updated = v.payments[len(v.payments)-1]
	case !v.issued.IsZero():
		inv.IssuedAt, updated = &v.issued, v.issued
	}
	invoice, created := g.take(tInvoices), charges[0].at
	day := g.day(created)
	b.add(tInvoices, invoice, who.id, entry, billing.OpenKey(who.id, entry, day), day, string(billing.StatusOf(inv)),
		int64(total), int64(paid), optionalPointer(inv.IssuedAt), "", created, updated)

	for i, covered := range billing.Settled(amounts, paid) {
		c := charges[i]
		state := billing.Unpaid
		if covered >= amounts[i] {
			state = billing.Paid
		}
		description := c.description
		if description == "" {
			description = c.price.name
		}
		if c.quantity > 1 {
			description = fmt.Sprintf("%s × %d", description, c.quantity)
		}
		b.add(tCharges, g.take(tCharges), invoice, who.id, entry, nullID(c.dept), string(c.category), description,
			int64(amounts[i]), int64(covered), string(state), c.cause, nullID(c.price.id), nullID(c.by), "", g.day(c.at), c.at)
	}
	for k, amount := range payments {
		g.payment(b, d, who, invoice, amount, v.payments[k])
	}
}

// instalments splits what the patient pays: all of it at once, or a part then the
// rest; partial leaves a balance.
func instalments(d dice, total billing.Money, n int, partial bool) []billing.Money {
	part := func() billing.Money {
		p := total * billing.Money(30+d.IntN(41)) / 100 / 5000 * 5000 // round shillings
		if p <= 0 || p >= total {
			p = total / 2
		}
		return p
	}
	switch {
	case n == 0:
		return nil
	case n == 1 && partial:
		return []billing.Money{part()}
	case n == 1:
		return []billing.Money{total}
	case partial:
		return []billing.Money{part()}
	}
	first := part()
	return []billing.Money{first, total - first}
}

// Insurers patients come with.
var insurers = []string{"SHA", "AAR Insurance", "Jubilee Health", "Britam", "CIC Insurance", "Madison Health"}

// payment writes one payment, by the method patients use: mobile money most, then
// cash, insurance and cards.
func (g *generator) payment(b *batch, d dice, who *person, invoice int64, amount billing.Money, at time.Time) {
	id := g.take(tPayments)
	method, reference, insurer, member := billing.Cash, "", "", ""
	switch n := d.IntN(100); {
	case n < 45 && !g.clash.references[id]:
		// The first letter of an M-Pesa code follows the year (S for 2024).
		method, reference = billing.MobileMoney, string(rune('A'+(at.Year()-4)%26))+mobileMoneyCode.of(id)
	case n < 63:
		method, insurer, member = billing.Insurance, d.pick(insurers), "M"+strconv.Itoa(d.between(10_000_000, 99_999_999))
	case n < 70:
		method, reference = billing.Card, strconv.Itoa(d.between(100_000, 999_999))
	}
	b.add(tPayments, id, invoice, who.id, string(billing.KindPayment), string(method), int64(amount), reference,
		billing.PaymentReferenceKey(billing.KindPayment, method, reference), insurer, member, "",
		nullID(g.h.someone(d, auth.RoleBilling)), g.day(at), at)
}

// day is the hospital's calendar day of t, as local_day stores it.
func (g *generator) day(t time.Time) string { return t.In(g.h.loc).Format(time.DateOnly) }

func optionalPointer(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}
