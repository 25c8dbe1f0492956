package vitals

import (
	"fmt"
	"net/http"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
)

// MsgRecorded is the original's answer to record_vitals.
const MsgRecorded = "Vitals recorded and patient added to queue."

// RecordedMessage is the answer to record_vitals: the original's message, the stored set
// and the queue entry it opened or refreshed.
type RecordedMessage struct {
	Message    string `json:"message"`
	Vitals     Vitals `json:"vitals"`
	QueueEntry Queued `json:"queue_entry"`
}

// Routes registers the vitals API.
func (s *Service) Routes(rt *web.Router) {
	const tag = "vitals"
	history := fmt.Sprintf("Newest first, not paginated (as the original), at most the latest %d sets.", HistoryLimit)
	rt.Handle(web.Route{Method: "POST", Path: "/patients/api/patients/{id}/record_vitals/", Perm: auth.VitalsWrite, Handler: web.HandleID(http.StatusCreated, s.apiRecord),
		Tag: tag, Summary: "Record vitals and queue the patient (E-32)",
		Description: "JSON or form. Every measurement is optional but one is needed; each is range-checked. " +
			"In the same transaction the patient joins the waiting queue of `department` (else of their open entry, " +
			"else the department named \"Doctor\", else none), or their open entry is refreshed with these vitals " +
			"and the priority of their NEWS2 risk: a patient never has two open entries.",
		Request: Input{}, Response: RecordedMessage{}, Status: http.StatusCreated})
	rt.Handle(web.Route{Method: "GET", Path: "/patients/api/patients/{id}/vitals/", Perm: auth.VitalsRead, Handler: s.apiHistory,
		Tag: tag, Summary: "A patient's vitals (E-33)", Description: history, Response: []Vitals{}})
	rt.Handle(web.Route{Method: "GET", Path: "/patients/me/vitals/", Perm: auth.PatientSelf, Handler: s.apiMine,
		Tag: tag, Summary: "The caller's own vitals (patients)", Description: history, Response: []Vitals{}})
}

func (s *Service) apiRecord(r *http.Request, id int64, in Input) (RecordedMessage, error) {
	rec, err := s.Record(r.Context(), auth.FromContext(r.Context()), id, in)
	return RecordedMessage{Message: MsgRecorded, Vitals: rec.Vitals, QueueEntry: rec.Queue}, err
}

func (s *Service) apiHistory(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	out, err := s.History(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, out)
}

func (s *Service) apiMine(w http.ResponseWriter, r *http.Request) {
	out, err := s.Mine(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, out)
}
