package queue

import (
	"fmt"
	"net/http"
	"strconv"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// The original's add_to_queue answers (E-34).
const MsgAddedToQueue = "Patient added to doctor queue."

// EntryMessage is an answer that names the entry it is about, in the original's keys:
// message (done), info (nothing to do) or detail (call next).
type EntryMessage struct {
	Message string `json:"message,omitempty"`
	Info    string `json:"info,omitempty"`
	Detail  string `json:"detail,omitempty"`
	Entry   *Entry `json:"entry"`
}

// StatusInput is the body of update_status (E-42).
type StatusInput struct {
	Status Status `json:"status"`
}

// HeaderTotalCount carries the length of a list whose body is a bare array.
const HeaderTotalCount = "X-Total-Count"

// MsgNoDelete answers DELETE on an entry: nothing clinical is deleted (B-26).
const MsgNoDelete = "Queue entries are never deleted: set the status to \"cancelled\" (from waiting) instead."

// Routes registers the queue API and the doctor's dashboard.
func (s *Service) Routes(rt *web.Router) {
	const tag = "queue"
	rt.Handle(web.Route{Method: "POST", Path: "/patients/api/patients/{id}/add_to_queue/", Perm: auth.QueueEnqueue, Handler: s.apiAddToQueue,
		Tag: tag, Summary: "Queue a patient with their latest vitals (E-34)",
		Description: "201 with message when queued; 200 with info when the patient already has an open entry (left as it is); " +
			"400 {\"error\": \"No vitals recorded yet.\"} without vitals. The body is optional: {department, urgent}.",
		Request: PlacementInput{}, Response: EntryMessage{}, Status: http.StatusCreated})
	rt.Handle(web.Route{Method: "POST", Path: "/patients/api/patients/{id}/send_to_pharmacy/", Perm: auth.QueueManage, Handler: s.apiSendToPharmacy,
		Tag: tag, Summary: "End the visit and send the patient to the pharmacy (E-35)",
		Description: "The id is a queue entry's. The entry must be with the doctor (else 400 with the allowed statuses); " +
			"the consultation is charged in the same transaction, once.",
		Response: EntryMessage{}})
	rt.Handle(web.Route{Method: "GET", Path: "/doctors/queue/", Perm: auth.QueueRead, Handler: s.apiList,
		Tag: tag, Summary: "The caller's view of the queue (E-38)",
		Description: "Newest first. Doctors: their department's waiting patients and the open entries they hold. " +
			"Nurses: every open entry. Pharmacist: entries sent to the pharmacy in the last 24 hours; lab and imaging " +
			"technicians: entries sent to them. Administrators: every open entry, or every entry with scope=all.",
		Response: Entry{}, List: true, Query: []web.Param{
			{Name: "scope", Type: "string", Description: "open (default) or all (administrators: closed visits too)."},
			{Name: "status", Type: "string", Description: "Only entries in this status."},
			{Name: "patient", Type: "integer", Description: "Only this patient's entries."},
		}})
	rt.Handle(web.Route{Method: "POST", Path: "/doctors/queue/", Perm: auth.QueueEnqueue, Handler: web.Handle(http.StatusCreated, s.apiCreate),
		Tag: tag, Summary: "Queue a patient (E-39)",
		Description: "vitals defaults to the patient's latest set; department to \"Doctor\" if it exists. " +
			"A patient with an open entry is refused.",
		Request: CreateInput{}, Response: Entry{}, Status: http.StatusCreated})
	rt.Handle(web.Route{Method: "GET", Path: "/doctors/queue/waiting/", Perm: auth.QueueRead, Handler: s.apiWaiting,
		Tag: tag, Summary: "Waiting patients, next first (E-41)",
		Description: fmt.Sprintf("Ordered by priority (NEWS2 band, then urgent), then longest waiting. A bare array, "+
			"as the original, of the first %d unless limit asks for more or fewer (1 to %d; anything else is 400 "+
			"naming limit). The response header %s has the number of patients waiting in the caller's view. "+
			"Doctors see their department's; the pharmacy, lab and imaging desks none.", WaitingPage, WaitingLimit, HeaderTotalCount),
		Response: []Entry{}, Query: []web.Param{
			{Name: "limit", Type: "integer", Description: fmt.Sprintf("How many to return, next first: 1 to %d (default %d).", WaitingLimit, WaitingPage)},
		}})
	rt.Handle(web.Route{Method: "POST", Path: "/doctors/queue/next/", Perm: auth.QueueManage, Handler: s.apiCallNext,
		Tag: tag, Summary: "Call the next patient (doctors)",
		Description: "Atomically gives the caller the waiting patient of their department with the highest priority who " +
			"has waited longest: the entry becomes with_doctor. Two doctors never get the same patient. " +
			"When nobody waits: 200 {\"detail\": \"The queue is empty.\", \"entry\": null}.",
		Response: EntryMessage{}})
	rt.Handle(web.Route{Method: "GET", Path: "/doctors/queue/{id}/", Perm: auth.QueueRead, Handler: s.apiGet,
		Tag: tag, Summary: "A queue entry (E-40)", Response: Entry{}})
	for _, m := range []string{"PUT", "PATCH"} {
		rt.Handle(web.Route{Method: m, Path: "/doctors/queue/{id}/", Perm: auth.QueueManage, Handler: web.HandleID(http.StatusOK, s.apiUpdate),
			Tag: tag, Summary: "Change a queue entry's status, doctor or urgency (E-40)",
			Description: "PUT and PATCH both change only the fields given. The status moves only through the state machine " +
				"(400 with the allowed statuses otherwise); doctor must be an active doctor.",
			Request: UpdateInput{}, Response: Entry{}})
	}
	rt.Handle(web.Route{Method: "DELETE", Path: "/doctors/queue/{id}/", Perm: auth.QueueManage, Handler: refuseDelete,
		Tag: tag, Summary: "Refused: queue entries are never deleted (E-40)",
		Description: "Always 405. A visit that will not happen is cancelled through its status.", Status: http.StatusMethodNotAllowed})
	rt.Handle(web.Route{Method: "POST", Path: "/doctors/queue/{id}/update_status/", Perm: auth.QueueManage, Handler: s.apiUpdateStatus,
		Tag: tag, Summary: "Move a queue entry to another status (E-42)",
		Description: "waiting → with_doctor | cancelled; with_doctor → sent_to_lab | sent_to_imaging | sent_to_pharmacy | completed; " +
			"sent_to_lab, sent_to_imaging → waiting. A doctor caller becomes the entry's doctor. Ending the visit " +
			"(completed, sent_to_pharmacy) charges the consultation in the same transaction, once.",
		Request: StatusInput{}, Response: EntryMessage{}})
	rt.Handle(web.Route{Method: "GET", Path: "/users/doctor/", Perm: auth.DashboardDoctor, Handler: s.apiDoctorDashboard,
		Tag: "dashboards", Summary: "The doctor's dashboard (E-13)",
		Description: fmt.Sprintf("The caller's department's waiting patients and those waiting for or with the caller, "+
			"oldest first, at most %d, each with its latest vitals and NEWS2.", WaitingLimit),
		Response: DoctorDashboard{}})
	rt.Handle(web.Route{Method: "GET", Path: "/users/nurse/", Perm: auth.DashboardNurse, Handler: s.apiNurseDashboard,
		Tag: "dashboards", Summary: "The nurse's dashboard (E-15)",
		Description: "The original's welcome message with the triage desk's figures: patients waiting for a doctor in " +
			"every department, visits opened today (hospital time), and the patients who have waited longest.",
		Response: NurseDashboard{}})
}

// decodeOptional decodes a body the original did not have: none is no input.
func decodeOptional(r *http.Request, v any) error {
	if r.ContentLength == 0 {
		return nil
	}
	return web.Decode(r, v)
}

func (s *Service) apiAddToQueue(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	var in PlacementInput
	if err == nil {
		err = decodeOptional(r, &in)
	}
	if err != nil {
		web.Error(w, r, err)
		return
	}
	e, created, err := s.AddToQueue(r.Context(), auth.FromContext(r.Context()), id, in)
	switch {
	case err != nil:
		web.Error(w, r, err)
	case created:
		web.JSON(w, http.StatusCreated, EntryMessage{Message: MsgAddedToQueue, Entry: &e})
	default:
		web.JSON(w, http.StatusOK, EntryMessage{Info: MsgAlreadyInQueue, Entry: &e})
	}
}

func (s *Service) apiSendToPharmacy(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	e, err := s.SendToPharmacy(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, EntryMessage{Message: MsgSentToPharmacy, Entry: &e})
}

func (s *Service) apiList(w http.ResponseWriter, r *http.Request) {
	page, err := web.ParsePage(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	q, fields := r.URL.Query(), errs.Fields{}
	lf := ListFilter{Scope: q.Get("scope"), Status: Status(q.Get("status")), PatientID: web.QueryID(fields, q, "patient")}
	if err := fields.Err(); err != nil {
		web.Error(w, r, err)
		return
	}
	items, n, err := s.List(r.Context(), auth.FromContext(r.Context()), lf, &page)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, web.NewEnvelope(r, page, n, items))
}

func (s *Service) apiCreate(r *http.Request, in CreateInput) (Entry, error) {
	return s.Create(r.Context(), auth.FromContext(r.Context()), in)
}

// apiWaiting answers the waiting list as the original's bare array; the number waiting
// in all goes in a header, so that the body keeps its shape.
func (s *Service) apiWaiting(w http.ResponseWriter, r *http.Request) {
	limit := WaitingPage
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			web.Error(w, r, errs.Field("limit", web.MsgInteger))
			return
		}
		limit = n
	}
	out, total, err := s.Waiting(r.Context(), auth.FromContext(r.Context()), limit)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	w.Header().Set(HeaderTotalCount, strconv.Itoa(total))
	web.JSON(w, http.StatusOK, out)
}

func (s *Service) apiCallNext(w http.ResponseWriter, r *http.Request) {
	p := auth.FromContext(r.Context())
	e, ok, err := s.CallNext(r.Context(), p)
	switch {
	case err != nil:
		web.Error(w, r, err)
	case !ok:
		web.JSON(w, http.StatusOK, EntryMessage{Detail: MsgQueueEmpty})
	default:
		web.JSON(w, http.StatusOK, EntryMessage{Detail: fmt.Sprintf("Patient %s is now with you.", e.Patient.Username), Entry: &e})
	}
}

func (s *Service) apiGet(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		var e Entry
		if e, err = s.Get(r.Context(), auth.FromContext(r.Context()), id); err == nil {
			web.JSON(w, http.StatusOK, e)
			return
		}
	}
	web.Error(w, r, err)
}

func (s *Service) apiUpdate(r *http.Request, id int64, in UpdateInput) (Entry, error) {
	return s.Update(r.Context(), auth.FromContext(r.Context()), id, in)
}

func refuseDelete(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", "GET, PUT, PATCH")
	web.Detail(w, http.StatusMethodNotAllowed, MsgNoDelete)
}

func (s *Service) apiUpdateStatus(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	var in StatusInput
	if err == nil {
		err = decodeOptional(r, &in)
	}
	if err != nil {
		web.Error(w, r, err)
		return
	}
	e, err := s.UpdateStatus(r.Context(), auth.FromContext(r.Context()), id, in.Status)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, EntryMessage{Message: StatusUpdatedMessage(e.Status, e.Patient.Username), Entry: &e})
}

func (s *Service) apiDoctorDashboard(w http.ResponseWriter, r *http.Request) {
	out, err := s.Doctor(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, out)
}

func (s *Service) apiNurseDashboard(w http.ResponseWriter, r *http.Request) {
	sum, err := s.NurseSummary(r.Context())
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, NurseDashboard{Message: MsgNurseDashboard, NurseSummary: sum})
}
