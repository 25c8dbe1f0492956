package consult

import (
	"net/http"
	"time"

	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
	ui "healthsynx/internal/web"
)

// myVisitsPage is what consult_my_visits.html shows: a patient's visit summaries, the
// latest first.
type myVisitsPage struct {
	Visits []visitSummaryView
	Pager  ui.Pager
}

type visitSummaryView struct {
	VisitSummary
	Date time.Time
	Plan []string // the plan, line by line
}

// myVisits is a patient's own visit summaries: when, where, who, what was found and
// what was planned.
func (pg *pages) myVisits(w http.ResponseWriter, r *http.Request) {
	page, err := web.ParsePage(r)
	var visits []VisitSummary
	var n int
	if err == nil {
		visits, n, err = pg.svc.Visits(r.Context(), auth.FromContext(r.Context()), &page)
	}
	if err != nil {
		pg.site.Error(w, r, err)
		return
	}
	out := make([]visitSummaryView, len(visits))
	for i, v := range visits {
		out[i] = visitSummaryView{VisitSummary: v, Date: pg.local(v.Date)}
		if v.Plan != "" {
			out[i].Plan = lines(v.Plan)
		}
	}
	pg.site.Render(w, r, http.StatusOK, "consult_my_visits.html", "Your visits", myVisitsPage{Visits: out, Pager: ui.NewPager(r, page, n)})
}
