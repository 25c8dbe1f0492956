package identity

import (
	"net/http"
	"strconv"

	ui "healthsynx/internal/web"
)

// adminPanel is what identity_dashboard.html shows on the dashboards of
// administrators and hospital administrators.
type adminPanel struct {
	Stats []ui.Stat
	Next  []nextStep
}

// nextStep is one suggestion of what to do next, with the page that does it.
type nextStep struct {
	Label, Href, Why string
}

func (pg *pages) dashboardPanel(r *http.Request) (any, error) {
	d, err := pg.svc.Dashboard(r.Context())
	if err != nil {
		return nil, err
	}
	inactive := d.StaffCount - d.ActiveStaff
	active := ui.Stat{Label: "Active staff", Value: strconv.Itoa(d.ActiveStaff), Href: "/app/users/?role=staff&status=active"}
	if inactive > 0 {
		active.Note = strconv.Itoa(inactive) + " deactivated"
	}
	panel := adminPanel{Stats: []ui.Stat{
		{Label: "Departments", Value: strconv.Itoa(d.Departments), Href: "/app/departments/"},
		{Label: "Staff accounts", Value: strconv.Itoa(d.StaffCount), Href: "/app/users/?role=staff"},
		active,
		{Label: "Patients", Value: strconv.Itoa(d.Patients), Href: "/app/users/?role=patient"},
	}}
	addStaff := nextStep{Label: "Add a staff account", Href: "/app/users/new/",
		Why: "Doctors, nurses and other staff sign in with the account and password you set."}
	if d.Departments == 0 {
		// Staff, queues and fees are organised by department: set those up first.
		panel.Stats[0].Tone = "warn"
		panel.Next = []nextStep{{Label: "Create the first department", Href: "/app/departments/new/",
			Why: "Staff, queues and consultation fees are organised by department."}, addStaff}
	} else {
		panel.Next = []nextStep{addStaff, {Label: "Add a department", Href: "/app/departments/new/",
			Why: "A new ward, clinic or service gets its own members and queue."}}
	}
	if inactive > 0 {
		why := strconv.Itoa(inactive) + " staff accounts cannot sign in."
		if inactive == 1 {
			why = "1 staff account cannot sign in."
		}
		panel.Next = append(panel.Next, nextStep{Label: "Review deactivated accounts", Href: "/app/users/?role=staff&status=inactive",
			Why: why + " Activate those who are back at work."})
	}
	return panel, nil
}
