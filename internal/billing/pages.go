package billing

import (
	"embed"
	"io/fs"
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
	ui "healthsynx/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

// Templates are the module's page templates, for web.NewSite.
func Templates() fs.FS { return ui.ModuleTemplates(templateFS) }

// pages serves the billing desk, the revenue report, the price list and a patient's
// own bills. The handlers call the same service methods as the API, so the pages keep
// the same rules.
type pages struct {
	svc  *Service
	site *ui.Site
}

// pageSize is the rows a list page shows.
const pageSize = 25

// PageRoutes registers the pages, the navigation and the dashboard panels: billing
// officers work the desk; hospital administrators read it (and keep the price list);
// administrators do everything, voids and refunds included; a patient sees their bills.
func (s *Service) PageRoutes(rt *web.Router, site *ui.Site) {
	pg := &pages{svc: s, site: site}
	page := rt.Page
	page("GET", "/app/billing/invoices/", auth.BillingRead, pg.invoices)
	page("GET", "/app/billing/invoices/{id}/", auth.BillingRead, pg.invoice)
	page("GET", "/app/billing/invoices/{id}/pay/", auth.BillingWrite, pg.payForm)
	page("POST", "/app/billing/invoices/{id}/pay/", auth.BillingWrite, pg.pay)
	page("POST", "/app/billing/invoices/{id}/issue/", auth.BillingWrite, pg.issue)
	page("GET", "/app/billing/invoices/{id}/refund/", auth.BillingVoid, pg.refundForm)
	page("POST", "/app/billing/invoices/{id}/refund/", auth.BillingVoid, pg.refund)
	page("GET", "/app/billing/invoices/{id}/void/", auth.BillingVoid, pg.confirmVoidInvoice)
	page("POST", "/app/billing/invoices/{id}/void/", auth.BillingVoid, pg.voidInvoice)
	page("GET", "/app/billing/records/", auth.BillingRead, pg.records)
	page("GET", "/app/billing/records/new/", auth.BillingWrite, pg.newRecord)
	page("POST", "/app/billing/records/new/", auth.BillingWrite, pg.createRecord)
	page("GET", "/app/billing/records/{id}/void/", auth.BillingVoid, pg.confirmVoidRecord)
	page("POST", "/app/billing/records/{id}/void/", auth.BillingVoid, pg.voidRecord)
	page("GET", "/app/billing/payments/", auth.BillingRead, pg.payments)
	page("GET", "/app/billing/reports/", auth.BillingRead, pg.report)
	page("GET", "/app/billing/prices/", auth.PriceListRead, pg.prices)
	page("POST", "/app/billing/prices/", auth.PriceListWrite, pg.addPrice)
	page("GET", "/app/my/bills/", auth.PatientSelf, pg.myBills)
	page("GET", "/app/my/bills/{id}/", auth.PatientSelf, pg.myBill)

	ui.AddNav("Invoices", "/app/billing/invoices/", auth.RoleBilling, auth.RoleHospitalAdmin)
	ui.AddNav("Charges", "/app/billing/records/", auth.RoleBilling, auth.RoleHospitalAdmin)
	ui.AddNav("Payments", "/app/billing/payments/", auth.RoleBilling, auth.RoleHospitalAdmin)
	ui.AddNav("Revenue", "/app/billing/reports/", auth.RoleBilling, auth.RoleHospitalAdmin)
	ui.AddNav("Prices", "/app/billing/prices/", auth.RoleBilling, auth.RoleHospitalAdmin)
	ui.AddNav("My bills", "/app/my/bills/", auth.RolePatient)
	for _, p := range []struct {
		panel ui.Panel
		roles []auth.Role
	}{
		{ui.Panel{Template: "billing_panel.html", Load: pg.panel}, []auth.Role{auth.RoleBilling, auth.RoleHospitalAdmin, auth.RoleAdmin}},
		{ui.Panel{Template: "billing_patient_panel.html", Load: pg.patientPanel}, []auth.Role{auth.RolePatient}},
	} {
		if err := site.AddPanel(p.panel, p.roles...); err != nil {
			panic(err) // the templates are embedded: a missing one is a build defect
		}
	}
}

// can is what the viewer may do, for the templates to offer only that.
type can struct {
	Write, Void, Prices bool
}

func canOf(r *http.Request) can {
	p := auth.FromContext(r.Context())
	return can{Write: auth.Allows(p, auth.BillingWrite), Void: auth.Allows(p, auth.BillingVoid), Prices: auth.Allows(p, auth.PriceListWrite)}
}

// keysetPaging reads the cursor of a list page; a damaged one starts from the top.
func keysetPaging(r *http.Request) Paging {
	p := Paging{Keyset: true, Size: pageSize}
	if c, err := web.ParseCursor(r); err == nil {
		p.After, _ = parseKeyset(c)
	}
	return p
}

// pager links a keyset page to its neighbours, keeping the filters.
func pager[T any](r *http.Request, l Listing[T]) ui.Pager {
	link := func(c *web.Cursor) string {
		if c == nil {
			return ""
		}
		u := web.CursorURL(r, *c)
		parsed, err := url.Parse(u)
		if err != nil {
			return ""
		}
		return parsed.RequestURI()
	}
	return ui.Pager{Prev: link(l.Prev), Next: link(l.Next)}
}

// finder is a patient search on a list page: what was typed, the patient it settled on,
// or the patients to choose from when it matched several.
type finder struct {
	Text    string
	Patient *patients.Ref
	Choices []patients.Ref
	// NoMatch is true when the text matched nobody.
	NoMatch bool
}

// maxChoices bounds the patients a search offers to choose from.
const maxChoices = 10

// findPatient reads ?patient= (an id) or ?q= (a name or an MRN, through the patients
// module's search) and reports the patient the list is for, if any.
func (pg *pages) findPatient(r *http.Request) (finder, error) {
	q := r.URL.Query()
	f := finder{Text: q.Get("q")}
	if id, err := strconv.ParseInt(q.Get("patient"), 10, 64); err == nil && id > 0 {
		who, err := pg.svc.patientOf(r.Context(), pg.svc.DB, id)
		if err != nil {
			return f, err
		}
		if who.ID == 0 {
			f.NoMatch = true // an edited address: list nothing rather than everyone
			return f, nil
		}
		ref := who.Ref()
		f.Patient = &ref
		return f, nil
	}
	if f.Text == "" {
		return f, nil
	}
	refs, _, err := pg.svc.Patients.Lookup(r.Context(), f.Text, &web.PageRequest{Page: 1, Size: maxChoices})
	switch {
	case err != nil:
		return f, err
	case len(refs) == 1:
		f.Patient = &refs[0]
	case len(refs) == 0:
		f.NoMatch = true
	default:
		f.Choices = refs
	}
	return f, nil
}

// patientID is the id of the patient a finder settled on, 0 for none.
func (f finder) patientID() int64 {
	if f.Patient == nil {
		return 0
	}
	return f.Patient.ID
}

// choiceLink is the list's address for one of the patients a search offered.
func choiceLink(r *http.Request, id int64) string {
	q := r.URL.Query()
	q.Del("q")
	q.Del("cursor")
	q.Set("patient", strconv.FormatInt(id, 10))
	return r.URL.Path + "?" + q.Encode()
}

// choice is a patient offered by a search, with the address that picks them.
type choice struct {
	patients.Ref
	Href string
}

func choices(r *http.Request, f finder) []choice {
	out := make([]choice, len(f.Choices))
	for i, ref := range f.Choices {
		out[i] = choice{Ref: ref, Href: choiceLink(r, ref.ID)}
	}
	return out
}

// sortChoices orders choices by label.
func sortChoices(c []ui.Choice) {
	sort.Slice(c, func(i, j int) bool { return c[i].Label < c[j].Label })
}
