package billing

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"healthsynx/internal/audit"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

func (s *Service) apiRecord(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	rec, err := s.Charge(r.Context(), id)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	s.logRead(event(s.actor(r), audit.ActionView, objRecord, rec.ID, rec.PatientID, ""))
	web.JSON(w, http.StatusOK, rec)
}

func (s *Service) apiCreateRecord(r *http.Request, in RecordInput) (Record, error) {
	return s.CreateCharge(r.Context(), s.actor(r), in)
}

func (s *Service) apiUpdateRecord(partial bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "id")
		if err != nil {
			web.Error(w, r, err)
			return
		}
		var in RecordInput
		if err := web.Decode(r, &in); err != nil {
			web.Error(w, r, err)
			return
		}
		rec, err := s.UpdateCharge(r.Context(), s.actor(r), id, in, partial)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		web.JSON(w, http.StatusOK, rec)
	}
}

// voiding is the handler of a void route: the {id}, the reason, and what void returns
// as the answer. A record is voided by DELETE (the original's verb, which now voids) or
// POST …/void/; the reason comes in the body or, for clients that send no body with
// DELETE, as ?reason= (readReason).
func voiding[T any](s *Service, void func(context.Context, audit.Event, int64, string) (T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "id")
		var reason string
		if err == nil {
			reason, err = readReason(r)
		}
		var out T
		if err == nil {
			out, err = void(r.Context(), s.actor(r), id, reason)
		}
		if err != nil {
			web.Error(w, r, err)
			return
		}
		web.JSON(w, http.StatusOK, out)
	}
}

// readReason reads {"reason": …} from an optional body, else ?reason=.
func readReason(r *http.Request) (string, error) {
	var in Reason
	if err := decodeOptional(r, &in); err != nil {
		return "", err
	}
	if in.Reason != nil {
		return *in.Reason, nil
	}
	return r.URL.Query().Get("reason"), nil
}

// decodeOptional decodes a body that the client may leave out: the original's
// mark-paid and DELETE took none.
func decodeOptional(r *http.Request, v any) error {
	if r.Body == nil {
		return nil
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return errs.E(errs.Invalid, "The request body could not be read.")
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	return web.Decode(r, v)
}

// apiMarkPaid is E-59: it records the payment and answers with its receipt, a PDF, as
// the original answered with its billing PDF (inline, billing.pdf).
func (s *Service) apiMarkPaid(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	var in PaymentInput
	if err := decodeOptional(r, &in); err != nil {
		web.Error(w, r, err)
		return
	}
	p, err := s.MarkPaid(r.Context(), s.actor(r), id, in)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	s.sendReceipt(w, r, p.ID, "billing.pdf")
}

func (s *Service) apiTotals(w http.ResponseWriter, r *http.Request) {
	t, err := s.Totals(r.Context())
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, t)
}
