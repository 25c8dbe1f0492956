package patients

import (
	"net/http"
	"strconv"

	"healthsynx/internal/identity"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// MessageBody is {"message": …}.
type MessageBody struct {
	Message string `json:"message"`
}

// Registered is E-12's answer: the original's message, and the patient it registered.
type Registered struct {
	Message string  `json:"message"`
	Patient Patient `json:"patient"`
}

// PasswordBody is the body of the desk's set-password action.
type PasswordBody struct {
	Password string `json:"password"`
}

// ArchiveBody is the optional body of the archive (DELETE) request.
type ArchiveBody struct {
	Reason *string `json:"reason"`
}

// APIRoot is a router root of the original (DRF's API root view).
type APIRoot struct {
	Patients string `json:"patients"`
}

var searchParam = web.Param{Name: "search", Type: "string",
	Description: "A name prefix (first and last name in either order), an MRN or its first digits (HS-0001…), a phone number or its first digits, or a username"}

// Routes registers the patient API.
func (s *Service) Routes(rt *web.Router) {
	const tag = "patients"
	h := func(r web.Route) {
		if r.Tag == "" {
			r.Tag = tag
		}
		rt.Handle(r)
	}
	h(web.Route{Method: "GET", Path: "/patients/api/", Perm: auth.Authenticated, Handler: apiRoot("/patients/api/patients/"),
		Summary: "API root of the patients module", Response: APIRoot{}})
	h(web.Route{Method: "GET", Path: "/patients/api/patients/", Perm: auth.PatientsRead, Handler: s.apiList, List: true,
		Summary: "List patients, ordered by id; with search, most relevant first", Response: Patient{},
		Query: []web.Param{searchParam, {Name: "archived", Type: "boolean",
			Description: "true lists the archived patients instead (administrators only)"}}})
	h(web.Route{Method: "POST", Path: "/patients/api/patients/", Perm: auth.PatientsWrite, Handler: web.Handle(http.StatusCreated, s.apiCreate),
		Summary:     "Register a patient: account and profile, with a generated MRN (and username when none is given)",
		Description: "The account gets no usable password: set one with set-password. is_active and date_joined are read-only.",
		Request:     PatientInput{}, Response: Patient{}, Status: http.StatusCreated})
	h(web.Route{Method: "GET", Path: "/patients/api/patients/{id}/", Perm: auth.PatientsRead, Handler: s.apiGet,
		Summary: "One patient (the id is the patient's user id)", Response: Patient{}})
	h(web.Route{Method: "PUT", Path: "/patients/api/patients/{id}/", Perm: auth.PatientsWrite, Handler: s.apiUpdate(false),
		Summary: "Replace a patient's details: absent fields are cleared (the username stays)", Request: PatientInput{}, Response: Patient{}})
	h(web.Route{Method: "PATCH", Path: "/patients/api/patients/{id}/", Perm: auth.PatientsWrite, Handler: s.apiUpdate(true),
		Summary: "Change some of a patient's details", Request: PatientInput{}, Response: Patient{}})
	h(web.Route{Method: "DELETE", Path: "/patients/api/patients/{id}/", Perm: auth.PatientsArchive, Handler: s.apiArchive,
		Summary:     "Archive a patient (nothing is deleted); the account is deactivated",
		Description: "The reason may be given as ?reason= or in the body.", Request: ArchiveBody{}, Status: http.StatusNoContent,
		Query: []web.Param{{Name: "reason", Type: "string", Description: "why the patient is archived"}}})
	h(web.Route{Method: "POST", Path: "/patients/api/patients/{id}/restore/", Perm: auth.PatientsRestore, Handler: s.apiRestore,
		Summary: "Restore an archived patient and reactivate the account", Response: Patient{}})
	h(web.Route{Method: "POST", Path: "/patients/api/patients/{id}/set-password/", Perm: auth.PatientsWrite, Handler: web.HandleID(http.StatusOK, s.apiSetPassword),
		Summary: "Set the patient's password at the desk, under the password rules; the account is signed out everywhere",
		Request: PasswordBody{}, Response: MessageBody{}})
	h(web.Route{Method: "GET", Path: "/patients/me/", Perm: auth.PatientSelf, Handler: s.apiMe,
		Summary: "The caller's own patient record", Response: Patient{}})
	h(web.Route{Method: "GET", Path: "/patients/lookup/", Perm: auth.PatientsLookup, Handler: s.apiLookup, List: true,
		Summary: "Find patients by name, MRN, phone or username: references only (id, username, name, MRN)", Response: Ref{},
		Query: []web.Param{{Name: "q", Type: "string", Description: "what to look for (required); as search on the patient list"}}})

	h(web.Route{Method: "POST", Path: "/users/register/patient/", Perm: auth.PatientsWrite, Handler: web.Handle(http.StatusCreated, s.apiRegister), Tag: "users",
		Summary: "Register a patient (account and profile); a role other than patient is refused",
		Request: Registration{}, Response: Registered{}, Status: http.StatusCreated})
	h(web.Route{Method: "POST", Path: "/register/", Perm: auth.Public, Handler: web.Handle(http.StatusCreated, s.apiSignUp), Tag: "auth",
		Summary: "Sign up as a patient; a role other than patient is refused",
		Request: SignUp{}, Response: MessageBody{}, Status: http.StatusCreated})

	h(web.Route{Method: "GET", Path: "/nurses/", Perm: auth.Authenticated, Handler: apiRoot("/nurses/patients/"), Tag: "nurses",
		Summary: "API root of the nurses module", Response: APIRoot{}})
	h(web.Route{Method: "GET", Path: "/nurses/patients/", Perm: auth.PatientsRead, Handler: s.apiNurseList, Tag: "nurses", List: true,
		Summary: "List patients as user mini-representations, ordered by id", Response: identity.UserMini{}, Query: []web.Param{searchParam}})
	h(web.Route{Method: "GET", Path: "/nurses/patients/{id}/", Perm: auth.PatientsRead, Handler: s.apiNurseGet, Tag: "nurses",
		Summary: "One patient as a user mini-representation", Response: identity.UserMini{}})
}

func apiRoot(path string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		web.JSON(w, http.StatusOK, APIRoot{Patients: web.AbsoluteURL(r, path)})
	}
}

// caller is who makes the request.
func (s *Service) caller(r *http.Request) Caller {
	return Caller{Principal: auth.FromContext(r.Context()), Audit: s.Audit.FromRequest(r)}
}

// listFilter reads ?search= and ?archived=; only those who may restore patients may
// list the archived ones.
func listFilter(r *http.Request) (Filter, error) {
	q := r.URL.Query()
	f := Filter{Search: q.Get("search")}
	if v := q.Get("archived"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return f, errs.Field("archived", "Must be a valid boolean.")
		}
		if b && !auth.Allows(auth.FromContext(r.Context()), auth.PatientsRestore) {
			return f, errs.E(errs.Forbidden, web.MsgForbidden)
		}
		f.Archived = b
	}
	return f, nil
}

// page lists the patients of the request's filter and page.
func (s *Service) page(r *http.Request, f Filter) ([]Patient, web.PageRequest, int, error) {
	p, err := web.ParsePage(r)
	if err != nil {
		return nil, p, 0, err
	}
	items, n, err := s.List(r.Context(), f, &p)
	return items, p, n, err
}

func (s *Service) apiList(w http.ResponseWriter, r *http.Request) {
	f, err := listFilter(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	items, p, n, err := s.page(r, f)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, web.NewEnvelope(r, p, n, items))
}

func (s *Service) apiNurseList(w http.ResponseWriter, r *http.Request) {
	items, p, n, err := s.page(r, Filter{Search: r.URL.Query().Get("search")})
	if err != nil {
		web.Error(w, r, err)
		return
	}
	minis := make([]identity.UserMini, len(items))
	for i, it := range items {
		minis[i] = it.Mini()
	}
	web.JSON(w, http.StatusOK, web.NewEnvelope(r, p, n, minis))
}

// Mini is the patient as the original's user mini-representation (E-25): a patient
// has no department, so department_name is left out.
func (p Patient) Mini() identity.UserMini {
	return identity.UserMini{ID: p.ID, Username: p.Username, Email: p.Email, Role: auth.RolePatient}
}

func (s *Service) apiLookup(w http.ResponseWriter, r *http.Request) {
	text := r.URL.Query().Get("q")
	if text == "" {
		web.Error(w, r, errs.Field("q", "This query parameter is required."))
		return
	}
	p, err := web.ParsePage(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	refs, n, err := s.Lookup(r.Context(), text, &p)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, web.NewEnvelope(r, p, n, refs))
}

// get answers with the patient of the path's id, or an error.
func (s *Service) get(r *http.Request) (Patient, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return Patient{}, err
	}
	return s.Get(r.Context(), s.caller(r), id)
}

func (s *Service) apiGet(w http.ResponseWriter, r *http.Request) {
	p, err := s.get(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, p)
}

func (s *Service) apiNurseGet(w http.ResponseWriter, r *http.Request) {
	p, err := s.get(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, p.Mini())
}

func (s *Service) apiMe(w http.ResponseWriter, r *http.Request) {
	p, err := s.Me(r.Context(), s.caller(r))
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, p)
}

func (s *Service) apiCreate(r *http.Request, in PatientInput) (Patient, error) {
	return s.Register(r.Context(), s.caller(r), Registration{PatientInput: in})
}

func (s *Service) apiRegister(r *http.Request, in Registration) (Registered, error) {
	p, err := s.Register(r.Context(), s.caller(r), in)
	return Registered{Message: "Patient registered successfully!", Patient: p}, err
}

func (s *Service) apiSignUp(r *http.Request, in SignUp) (MessageBody, error) {
	p, err := s.SignUp(r.Context(), s.caller(r), in)
	return MessageBody{Message: "Account " + p.Username + " created successfully!"}, err
}

func (s *Service) apiUpdate(partial bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "id")
		if err != nil {
			web.Error(w, r, err)
			return
		}
		var in PatientInput
		if err := web.Decode(r, &in); err != nil {
			web.Error(w, r, err)
			return
		}
		p, err := s.Update(r.Context(), s.caller(r), id, in, partial)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		web.JSON(w, http.StatusOK, p)
	}
}

func (s *Service) apiArchive(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	reason := r.URL.Query().Get("reason")
	if reason == "" && r.ContentLength != 0 {
		var b ArchiveBody
		if err := web.Decode(r, &b); err != nil {
			web.Error(w, r, err)
			return
		}
		if b.Reason != nil {
			reason = *b.Reason
		}
	}
	if err := s.Archive(r.Context(), s.caller(r), id, reason); err != nil {
		web.Error(w, r, err)
		return
	}
	web.NoContent(w)
}

func (s *Service) apiRestore(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		web.Error(w, r, err)
		return
	}
	p, err := s.Restore(r.Context(), s.caller(r), id)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, p)
}

func (s *Service) apiSetPassword(r *http.Request, id int64, in PasswordBody) (MessageBody, error) {
	err := s.SetPassword(r.Context(), s.caller(r), id, in.Password)
	return MessageBody{Message: "Password has been set."}, err
}
