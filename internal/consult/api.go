package consult

import (
	"fmt"
	"net/http"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// Routes registers the consultation API and the patient's visit summaries.
func (s *Service) Routes(rt *web.Router) {
	const tag = "consultations"
	rt.Handle(web.Route{Method: "GET", Path: "/doctors/notes/", Perm: auth.NotesRead, Handler: s.apiList,
		Tag: tag, Summary: "Consultation notes, newest first (E-43)", Response: Note{}, List: true,
		Query: []web.Param{
			{Name: "patient", Type: "integer", Description: "Only this patient's notes."},
			{Name: "queue_item", Type: "integer", Description: "Only the notes of this visit (queue entry)."},
		}})
	rt.Handle(web.Route{Method: "POST", Path: "/doctors/notes/", Perm: auth.NotesWrite, Handler: web.Handle(http.StatusCreated, s.apiCreate),
		Tag: tag, Summary: "Write a consultation note, signed by the caller (E-44)",
		Description: "queue_item must be one of the patient's queue entries. Coded diagnoses take an ICD-10 code " +
			"(J18.9); the description may be left out for a code of GET /doctors/icd10/.",
		Request: Input{}, Response: Note{}, Status: http.StatusCreated})
	rt.Handle(web.Route{Method: "GET", Path: "/doctors/notes/{id}/", Perm: auth.NotesRead, Handler: s.apiGet,
		Tag: tag, Summary: "A consultation note (E-43)", Response: Note{}})
	for _, m := range []string{"PUT", "PATCH", "DELETE"} {
		rt.Handle(web.Route{Method: m, Path: "/doctors/notes/{id}/", Perm: auth.NotesWrite, Handler: refuseChange,
			Tag: tag, Summary: "Refused: a note is never changed or deleted (E-45)",
			Description: "Always 405, pointing to POST /doctors/notes/{id}/addenda/.", Status: http.StatusMethodNotAllowed})
	}
	rt.Handle(web.Route{Method: "POST", Path: "/doctors/notes/{id}/addenda/", Perm: auth.NotesWrite, Handler: web.HandleID(http.StatusCreated, s.apiAddendum),
		Tag: tag, Summary: "Add to a note, signed by the caller",
		Description: "Any doctor may add an addendum to any note; it is signed by its author and never changed.",
		Request:     AddendumInput{}, Response: Addendum{}, Status: http.StatusCreated})
	rt.Handle(web.Route{Method: "GET", Path: "/doctors/icd10/", Perm: auth.NotesRead, Handler: apiICD10,
		Tag: tag, Summary: "Search the built-in ICD-10 codes",
		Description: "Codes starting with q, or whose description contains it (any case); all of them when q is blank.",
		Response:    []Code{}, Query: []web.Param{{Name: "q", Type: "string", Description: "A code prefix or a word."}}})
	rt.Handle(web.Route{Method: "GET", Path: "/patients/me/visits/", Perm: auth.PatientSelf, Handler: s.apiVisits,
		Tag: tag, Summary: "The caller's own visit summaries (patients)",
		Description: "The visits a doctor wrote a note about, the latest first: date, department, doctor, diagnoses and plan.",
		Response:    VisitSummary{}, List: true})
}

func (s *Service) apiList(w http.ResponseWriter, r *http.Request) {
	page, err := web.ParsePage(r)
	fields, q := errs.Fields{}, r.URL.Query()
	f := NoteFilter{PatientID: web.QueryID(fields, q, "patient"), QueueID: web.QueryID(fields, q, "queue_item")}
	if err == nil {
		err = fields.Err()
	}
	if err != nil {
		web.Error(w, r, err)
		return
	}
	notes, n, err := s.List(r.Context(), auth.FromContext(r.Context()), f, &page)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, web.NewEnvelope(r, page, n, notes))
}

func (s *Service) apiCreate(r *http.Request, in Input) (Note, error) {
	return s.Create(r.Context(), auth.FromContext(r.Context()), in)
}

func (s *Service) apiGet(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		var n Note
		if n, err = s.Get(r.Context(), auth.FromContext(r.Context()), id); err == nil {
			web.JSON(w, http.StatusOK, n)
			return
		}
	}
	web.Error(w, r, err)
}

// refuseChange answers PUT, PATCH and DELETE on a note: nothing clinical is overwritten
// or deleted (B-26); the answer says where additions go.
func refuseChange(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	w.Header().Set("Allow", "GET")
	web.Detail(w, http.StatusMethodNotAllowed, fmt.Sprintf(MsgNeverChanged, id))
}

func (s *Service) apiAddendum(r *http.Request, id int64, in AddendumInput) (Addendum, error) {
	return s.AddAddendum(r.Context(), auth.FromContext(r.Context()), id, in)
}

func apiICD10(w http.ResponseWriter, r *http.Request) {
	web.JSON(w, http.StatusOK, SearchICD10(r.URL.Query().Get("q")))
}

func (s *Service) apiVisits(w http.ResponseWriter, r *http.Request) {
	page, err := web.ParsePage(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	out, n, err := s.Visits(r.Context(), auth.FromContext(r.Context()), &page)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, web.NewEnvelope(r, page, n, out))
}
