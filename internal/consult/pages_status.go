package consult

import (
	"errors"
	"fmt"
	"net/http"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/queue"
	ui "healthsynx/internal/web"
)

// The status changes of a visit, as buttons for the moves the state machine allows.
// The moves that end the visit (and charge it) or cancel it are asked about first, on
// a confirmation page that works without JavaScript.

// action is one status change offered on the visit page.
type action struct {
	To    queue.Status
	Label string
	// Confirm is true for a move that goes through the confirmation page first.
	Confirm bool
	Primary bool
	Danger  bool
}

// moves words each status change for its button, its confirmation and its outcome.
var moves = map[queue.Status]struct {
	label, question, explain, done string
	confirm, primary, danger       bool
}{
	queue.WithDoctor: {label: "Start consultation", done: "You are now seeing %s.", primary: true},
	queue.SentToLab: {label: "Send to lab",
		done: "%s was sent to the lab, and comes back to your queue when the results are in."},
	queue.SentToImaging: {label: "Send to imaging",
		done: "%s was sent to imaging, and comes back to your queue when the report is in."},
	queue.SentToPharmacy: {label: "End visit: send to pharmacy", confirm: true,
		question: "Send %s to the pharmacy?",
		explain:  "This ends the consultation and charges its fee to the patient's invoice. Notes can still be added afterwards as addenda.",
		done:     "%s was sent to the pharmacy. The consultation fee is on their invoice."},
	queue.Completed: {label: "Complete visit", confirm: true, primary: true,
		question: "Complete the visit of %s?",
		explain:  "This ends the consultation and charges its fee to the patient's invoice. Notes can still be added afterwards as addenda.",
		done:     "Visit completed: the consultation fee for %s is on their invoice."},
	queue.Cancelled: {label: "Cancel visit", confirm: true, danger: true,
		question: "Cancel the visit of %s?",
		explain:  "Do this when the patient has left without being seen. No fee is charged; the visit stays in the record as cancelled.",
		done:     "The visit of %s was cancelled."},
	queue.Waiting: {label: "Back to the queue", done: "%s is back in the queue."},
}

// actions are the buttons for the statuses an entry may move to.
func actions(next []queue.Status) []action {
	out := make([]action, 0, len(next))
	for _, to := range next {
		m := moves[to]
		out = append(out, action{To: to, Label: m.label, Confirm: m.confirm, Primary: m.primary, Danger: m.danger})
	}
	return out
}

// confirmStatus asks before a move that ends or cancels the visit.
func (pg *pages) confirmStatus(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok {
		return
	}
	to := queue.Status(r.URL.Query().Get("to"))
	m, known := moves[to]
	if !known || !m.confirm {
		pg.site.NotFound(w, r)
		return
	}
	e, err := pg.svc.Queue.Get(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.Render(w, r, http.StatusOK, "confirm.html", m.label, ui.Confirm{
		Heading: fmt.Sprintf(m.question, e.Patient.FullName), Message: m.explain,
		Action: queue.VisitURL(id) + "status/", Hidden: map[string]string{"status": string(to)},
		Submit: m.label, Cancel: queue.VisitURL(id), Danger: m.danger})
}

// changeStatus moves the visit. A move that is no longer allowed (sent twice, or
// another doctor moved first) goes back to the visit, saying why.
func (pg *pages) changeStatus(w http.ResponseWriter, r *http.Request) {
	id, ok := pg.site.PathID(w, r)
	if !ok || !pg.site.ParseForm(w, r) {
		return
	}
	to := queue.Status(r.PostForm.Get("status"))
	e, err := pg.svc.Queue.UpdateStatus(r.Context(), auth.FromContext(r.Context()), id, to)
	if errs.Is(err, errs.Conflict) {
		var refused *errs.Error
		errors.As(err, &refused)
		pg.site.SetFlash(w, r, refused.Message)
		http.Redirect(w, r, queue.VisitURL(id), http.StatusSeeOther)
		return
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	pg.site.SetFlash(w, r, fmt.Sprintf(moves[to].done, e.Patient.FullName))
	next := "/app/" // the visit has left the doctor: the dashboard has the next patient
	if to == queue.WithDoctor {
		next = queue.VisitURL(id)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}
