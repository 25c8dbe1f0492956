package billing

import (
	"bytes"
	"html/template"
	"net/http"

	"healthsynx/internal/patients"
	"healthsynx/internal/platform/auth"
)

// sectionInvoices is how many of a patient's invoices their page shows.
const sectionInvoices = 5

var sectionTemplate = template.Must(template.New("bills").Parse(`
{{- if .Rows}}
<p>{{if gt .Owed 0}}To pay on these invoices: <strong>{{.Currency}} {{.Owed.Display}}</strong>.{{else}}Nothing to pay on these invoices.{{end}}
<a href="/app/billing/invoices/?patient={{.Patient}}">All their invoices</a></p>
<ul>
{{- range .Rows}}
<li><a href="/app/billing/invoices/{{.ID}}/">{{.Number}}</a>, {{.Day}}: {{.Currency}} {{.Total.Display}}, {{if gt .Balance 0}}{{.Balance.Display}} to pay{{else}}{{.Status}}{{end}}</li>
{{- end}}
</ul>
{{- else}}
<p class="muted">No bills yet.</p>
{{- end}}`))

// PatientSection is the "Bills" part of a patient's page for those who read billing:
// the newest invoices, with what is left to pay.
func (s *Service) PatientSection() patients.Section {
	return patients.Section{ID: "bills", Title: "Bills", Perm: auth.BillingRead,
		Render: func(r *http.Request, p patients.Patient) (template.HTML, error) {
			l, err := s.Invoices(r.Context(), InvoiceFilter{PatientID: p.ID}, Paging{Keyset: true, Size: sectionInvoices})
			if err != nil {
				return "", err
			}
			data := struct {
				Rows     []InvoiceView
				Owed     Money
				Patient  int64
				Currency string
			}{Rows: l.Items, Patient: p.ID, Currency: s.Currency}
			for _, i := range l.Items {
				data.Owed += i.Balance
			}
			var buf bytes.Buffer
			err = sectionTemplate.Execute(&buf, data)
			// html/template escaped what it wrote.
			return template.HTML(buf.String()), err
		}}
}
