package departments

import (
	"net/http"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
)

// Message is the original's write response: {"message": …, "data": {…}}.
type Message struct {
	Message string     `json:"message"`
	Data    Department `json:"data"`
}

// Routes registers the department API.
func (s *Service) Routes(rt *web.Router) {
	const tag = "departments"
	rt.Handle(web.Route{Method: "GET", Path: "/departments/", Perm: auth.DepartmentsRead, Handler: s.apiList,
		Tag: tag, Summary: "List departments, ordered by name", Response: Department{}, List: true})
	rt.Handle(web.Route{Method: "POST", Path: "/departments/", Perm: auth.DepartmentsWrite, Handler: web.Handle(http.StatusCreated, s.apiCreate),
		Tag: tag, Summary: "Create a department", Request: Input{}, Response: Message{}, Status: http.StatusCreated})
	rt.Handle(web.Route{Method: "GET", Path: "/departments/{id}/", Perm: auth.DepartmentsRead, Handler: s.apiGet,
		Tag: tag, Summary: "Get a department", Response: Department{}})
	rt.Handle(web.Route{Method: "PUT", Path: "/departments/{id}/", Perm: auth.DepartmentsWrite, Handler: s.apiUpdate(false),
		Tag: tag, Summary: "Replace a department", Request: Input{}, Response: Message{}})
	rt.Handle(web.Route{Method: "PATCH", Path: "/departments/{id}/", Perm: auth.DepartmentsWrite, Handler: s.apiUpdate(true),
		Tag: tag, Summary: "Change some fields of a department", Request: Input{}, Response: Message{}})
	rt.Handle(web.Route{Method: "DELETE", Path: "/departments/{id}/", Perm: auth.DepartmentsWrite, Handler: s.apiDelete,
		Tag: tag, Summary: "Delete a department; its staff keep their accounts", Status: http.StatusNoContent})
}

func (s *Service) apiList(w http.ResponseWriter, r *http.Request) {
	p, err := web.ParsePage(r)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	items, n, err := s.List(r.Context(), &p)
	if err != nil {
		web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, web.NewEnvelope(r, p, n, items))
}

func (s *Service) apiGet(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		var d Department
		if d, err = s.Get(r.Context(), id); err == nil {
			web.JSON(w, http.StatusOK, d)
			return
		}
	}
	web.Error(w, r, err)
}

func (s *Service) apiCreate(r *http.Request, in Input) (Message, error) {
	d, err := s.Create(r.Context(), in)
	return Message{Message: "Department created successfully", Data: d}, err
}

func (s *Service) apiUpdate(partial bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "id")
		if err != nil {
			web.Error(w, r, err)
			return
		}
		var in Input
		if err := web.Decode(r, &in); err != nil {
			web.Error(w, r, err)
			return
		}
		d, err := s.Update(r.Context(), id, in, partial)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		web.JSON(w, http.StatusOK, Message{Message: "Department updated successfully", Data: d})
	}
}

func (s *Service) apiDelete(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		if _, err = s.Delete(r.Context(), id); err == nil {
			web.NoContent(w)
			return
		}
	}
	web.Error(w, r, err)
}
