package patients

import (
	"html/template"
	"net/http"

	"healthsynx/internal/platform/auth"
)

// Section is a part of the patient page that another module contributes — the vitals
// history and its trend chart, the visits, the bills — so that the page grows as the
// modules land without this package knowing them. Register it in the composition root
// (internal/app) with AddSection; the page shows each section, in the order they were
// added, below the patient's details (the place is marked in patients_detail.html).
type Section struct {
	// ID names the section on the page: its heading's id is "section-" + ID.
	ID    string
	Title string
	// Perm is what a viewer needs to see the section; others do not get it at all.
	Perm auth.Perm
	// Render writes the section's body for the patient. It must escape what it shows
	// (html/template does); an error fails the page.
	Render func(r *http.Request, p Patient) (template.HTML, error)
}

// AddSection adds a section to the patient page. Call it while the application is
// built, before it serves requests.
func (s *Service) AddSection(sec Section) { s.sections = append(s.sections, sec) }

// shownSection is a section rendered for one page.
type shownSection struct {
	ID, Title string
	Body      template.HTML
}

// renderSections renders the sections the viewer may see.
func (s *Service) renderSections(r *http.Request, p Patient) ([]shownSection, error) {
	viewer := auth.FromContext(r.Context())
	var out []shownSection
	for _, sec := range s.sections {
		if !auth.Allows(viewer, sec.Perm) {
			continue
		}
		body, err := sec.Render(r, p)
		if err != nil {
			return nil, err
		}
		out = append(out, shownSection{ID: sec.ID, Title: sec.Title, Body: body})
	}
	return out, nil
}
