package billing

import (
	"context"
	"net/http"

	"healthsynx/internal/platform/web"
)

// Paging is how a list was asked for: by keyset cursor, which costs the same at any
// depth, or by the original's page numbers (a count and an offset), kept so that
// existing clients keep working. A request with a cursor parameter, even an empty one
// for the first page, pages by keyset.
type Paging struct {
	Keyset bool
	After  *keyset // the keyset position; nil for the first page
	Size   int     // rows per keyset page
	Page   web.PageRequest
}

// parsePaging reads ?cursor= or ?page= and ?page_size= (default 10, at most 50).
func parsePaging(r *http.Request) (Paging, error) {
	pr, err := web.ParsePage(r)
	if err != nil {
		return Paging{}, err
	}
	p := Paging{Page: pr, Size: pr.Size}
	if !r.URL.Query().Has("cursor") {
		return p, nil
	}
	c, err := web.ParseCursor(r)
	if err != nil {
		return p, err
	}
	p.Keyset = true
	p.After, err = parseKeyset(c)
	return p, err
}

// Listing is one page of a list: Count and the page number in page-number mode, the
// neighbours' cursors in keyset mode.
type Listing[T any] struct {
	Items      []T
	Count      int
	Paging     Paging
	Next, Prev *web.Cursor
}

// respondList writes a listing in the envelope of its mode: the original's
// {count, next, previous, results}, or {next, previous, results} with cursor links.
func respondList[T any](w http.ResponseWriter, r *http.Request, l Listing[T]) {
	if !l.Paging.Keyset {
		web.JSON(w, http.StatusOK, web.NewEnvelope(r, l.Paging.Page, l.Count, l.Items))
		return
	}
	env := web.CursorEnvelope[T]{Results: l.Items}
	if env.Results == nil {
		env.Results = []T{}
	}
	if l.Next != nil {
		u := web.CursorURL(r, *l.Next)
		env.Next = &u
	}
	if l.Prev != nil {
		u := web.CursorURL(r, *l.Prev)
		env.Previous = &u
	}
	web.JSON(w, http.StatusOK, env)
}

// listing is the handler of a list route: filter reads the caller's filter from the
// request, list reads one page of what matches it, answered as respondList does.
func listing[F, T any](filter func(r *http.Request) (F, error), list func(context.Context, F, Paging) (Listing[T], error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, err := filter(r)
		var p Paging
		if err == nil {
			p, err = parsePaging(r)
		}
		var l Listing[T]
		if err == nil {
			l, err = list(r.Context(), f, p)
		}
		if err != nil {
			web.Error(w, r, err)
			return
		}
		respondList(w, r, l)
	}
}

// The filters of the list routes: the query's for the billing desk, the caller's own
// for a patient.
func (s *Service) chargeQuery(r *http.Request) (ChargeFilter, error) {
	return s.chargeFilterOf(r.URL.Query())
}
func (s *Service) invoiceQuery(r *http.Request) (InvoiceFilter, error) {
	return s.invoiceFilterOf(r.URL.Query())
}
func (s *Service) paymentQuery(r *http.Request) (PaymentFilter, error) {
	return s.paymentFilterOf(r.URL.Query())
}
func ownCharges(r *http.Request) (ChargeFilter, error) {
	return ChargeFilter{PatientID: int64(self(r))}, nil
}
func ownInvoices(r *http.Request) (InvoiceFilter, error) {
	return InvoiceFilter{PatientID: int64(self(r))}, nil
}
func ownPayments(r *http.Request) (PaymentFilter, error) {
	return PaymentFilter{PatientID: int64(self(r))}, nil
}
