package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"

	"healthsynx/internal/platform/auth"
)

// Panel is a module's part of a role's dashboard at /app/: the numbers and next steps
// of its own work. The dashboard shows the panels of the role in the order they were
// added, so that it grows as modules land without the shell knowing them.
type Panel struct {
	// Template is a page template file of the site that defines "panel"; it can use
	// the shared components ("stats", "empty", …).
	Template string
	// Load returns the panel's data for this request; an error fails the page.
	Load func(r *http.Request) (any, error)
}

// AddPanel puts a panel on the dashboards of the given roles. It fails if the
// template is not one of the site's.
func (s *Site) AddPanel(p Panel, roles ...auth.Role) error {
	t, ok := s.pages[p.Template]
	if !ok || t.Lookup("panel") == nil {
		return fmt.Errorf("dashboard panel: no page template %s defining \"panel\"", p.Template)
	}
	for _, r := range roles {
		s.panels[r] = append(s.panels[r], p)
	}
	return nil
}

// DashboardData is what dashboard.html shows: the role's panels, or, for a role
// whose modules have not landed yet, what its dashboard will show.
type DashboardData struct {
	Panels   []template.HTML
	Upcoming string
}

// upcoming names what each role's dashboard will show once its modules exist.
var upcoming = map[auth.Role]string{
	auth.RoleAdmin:         "This page will show the hospital's figures: departments, staff, patients and activity.",
	auth.RoleHospitalAdmin: "This page will show the hospital's figures: departments, staff, patients and activity.",
	auth.RoleDoctor:        "This page will show your queue: the next patient to see, patients back from the lab and imaging, and results to review.",
	auth.RoleNurse:         "This page will show the patients waiting for vitals and triage, and your department's queue for the doctors.",
	auth.RolePharmacist:    "This page will show the prescriptions waiting to be dispensed, low stock and medicines close to expiry.",
	auth.RoleBilling:       "This page will show unpaid and part-paid invoices, today's payments and revenue by department.",
	auth.RoleLabTech:       "This page will show the lab orders waiting for a sample or a result, and results ready to release.",
	auth.RoleImagingTech:   "This page will show the imaging orders waiting for a study or a report.",
	auth.RolePatient:       "This page will show your appointments, visit summaries, released results and bills.",
}

// dashboard is /app/: the panels of the user's role (a superuser sees the admin's).
func (s *Site) dashboard(w http.ResponseWriter, r *http.Request) {
	p := auth.FromContext(r.Context())
	role := p.Role
	if p.Superuser {
		role = auth.RoleAdmin
	}
	data := DashboardData{Upcoming: upcoming[role]}
	for _, panel := range s.panels[role] {
		v, err := panel.Load(r)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		var buf bytes.Buffer
		if err := s.pages[panel.Template].ExecuteTemplate(&buf, "panel", v); err != nil {
			s.Error(w, r, fmt.Errorf("dashboard panel %s: %w", panel.Template, err))
			return
		}
		// html/template escaped the panel as it executed it.
		data.Panels = append(data.Panels, template.HTML(buf.String()))
	}
	s.Render(w, r, http.StatusOK, "dashboard.html", RoleLabel(role)+" dashboard", data)
}
