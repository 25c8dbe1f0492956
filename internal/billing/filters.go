package billing

import (
	"net/url"
	"strings"
	"time"

	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
	"healthsynx/internal/platform/web"
)

// The filters of the lists, read from the query string, the same for the API and the
// pages. A bad value is a field error naming the parameter.

// queryPeriod reads since and until: a date is a whole hospital day (until includes
// it), a time with its zone is taken as it is.
func (s *Service) queryPeriod(f errs.Fields, q url.Values) (since, until time.Time) {
	read := func(name string, endOfDay bool) time.Time {
		v := strings.Replace(q.Get(name), " ", "+", 1) // an unencoded "+03:00" arrives as " 03:00"
		if v == "" {
			return time.Time{}
		}
		if d, err := time.ParseInLocation(time.DateOnly, v, s.location()); err == nil {
			if endOfDay {
				d = d.AddDate(0, 0, 1)
			}
			return d.UTC()
		}
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return t.UTC()
		}
		f.Add(name, msgDateTime)
		return time.Time{}
	}
	return read("since", false), read("until", true)
}

// chargeFilterOf reads the filters of the records list: patient, invoice, category,
// status (unpaid, paid, void, reversal) or the shorthand paid=true|false, since, until.
func (s *Service) chargeFilterOf(q url.Values) (ChargeFilter, error) {
	f := errs.Fields{}
	cf := ChargeFilter{PatientID: web.QueryID(f, q, "patient"), InvoiceID: web.QueryID(f, q, "invoice")}
	if c := q.Get("category"); c != "" {
		cf.Category = Category(c)
		valid.Choice(f, "category", c, categoryNames())
	}
	switch st := q.Get("status"); st {
	case "":
	case string(Unpaid), string(Paid), string(Void), string(Reversal):
		cf.State = State(st)
	default:
		valid.Choice(f, "status", st, []string{string(Unpaid), string(Paid), string(Void), string(Reversal)})
	}
	switch q.Get("paid") {
	case "":
	case "true", "True", "1":
		cf.State = Paid
	case "false", "False", "0":
		cf.State = Unpaid
	default:
		f.Add("paid", "Must be a valid boolean.")
	}
	cf.Since, cf.Until = s.queryPeriod(f, q)
	return cf, f.Err()
}

// invoiceFilterOf reads the filters of the invoices list: patient, status, since, until.
func (s *Service) invoiceFilterOf(q url.Values) (InvoiceFilter, error) {
	f := errs.Fields{}
	inf := InvoiceFilter{PatientID: web.QueryID(f, q, "patient")}
	if st := q.Get("status"); st != "" {
		inf.Status = InvoiceStatus(st)
		names := make([]string, len(InvoiceStatuses))
		for i, x := range InvoiceStatuses {
			names[i] = string(x)
		}
		valid.Choice(f, "status", st, names)
	}
	inf.Since, inf.Until = s.queryPeriod(f, q)
	return inf, f.Err()
}

// paymentFilterOf reads the filters of the payments list: patient, invoice, since, until.
func (s *Service) paymentFilterOf(q url.Values) (PaymentFilter, error) {
	f := errs.Fields{}
	pf := PaymentFilter{PatientID: web.QueryID(f, q, "patient"), InvoiceID: web.QueryID(f, q, "invoice")}
	pf.Since, pf.Until = s.queryPeriod(f, q)
	return pf, f.Err()
}

// filterParams documents the filters for the API reference.
var (
	periodParams = []web.Param{
		{Name: "since", Type: "string", Description: "Only those made on or after this hospital day (YYYY-MM-DD) or time (ISO-8601 with its zone)."},
		{Name: "until", Type: "string", Description: "Only those made up to this hospital day, included, or before this time."},
	}
	patientParam = web.Param{Name: "patient", Type: "integer", Description: "Only this patient's (their user id)."}
)
