package e2e

import (
	"context"
	"encoding/base64"
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"healthsynx/internal/identity"
	"healthsynx/internal/platform/web"
	"healthsynx/internal/queue"
)

// The billing officer finds the patient's invoice, takes a mobile-money payment and
// downloads the receipt, whose text names the patient and the amount.
func TestBillingOfficerTakesAMobileMoneyPayment(t *testing.T) {
	Require(t)
	srv := StartServer(t)
	ctx := context.Background()
	refs, _, err := srv.App.Patients.Lookup(ctx, "Amina Otieno", &web.PageRequest{Page: 1, Size: 1})
	if err != nil || len(refs) != 1 {
		t.Fatalf("demo patient: %v %v", refs, err)
	}
	amina := refs[0]
	// The visit ends through the queue, which charges the consultation (the Doctor
	// department's demo fee, 1,500.00).
	e, err := srv.App.Queue.Create(ctx, identity.System, queue.CreateInput{Patient: &amina.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []queue.Status{queue.WithDoctor, queue.Completed} {
		if _, err := srv.App.Queue.UpdateStatus(ctx, identity.System, e.ID, to); err != nil {
			t.Fatalf("%s: %v", to, err)
		}
	}

	p := NewPage(t, srv.URL)
	signIn(p, "marykanes", demoPassword)
	p.Navigate("/app/billing/invoices/")
	p.Fill(`form.filters`, map[string]string{"q": amina.MRN})
	if status := p.Submit(`form.filters`); status != http.StatusOK {
		t.Fatalf("search: %d", status)
	}
	p.Click(`table a[href^="/app/billing/invoices/"]`)
	p.WaitVisible(`h1`)
	if got := p.Text("main"); !strings.Contains(got, "Amina Otieno") || !strings.Contains(got, "1,500.00") {
		t.Fatalf("invoice page:\n%s", got)
	}
	p.Click(`a[href$="/pay/"]`)
	p.WaitVisible(`#field-method`)
	choose(p, "#field-method", "mobile_money")
	if !Eval[bool](p, `document.querySelector('[data-show-when="method=insurance"]').hidden`) {
		t.Error("the insurance fields show for a mobile-money payment")
	}
	const form = `form[action$="/pay/"]`
	p.Fill(form, map[string]string{"amount": "1500", "reference": "QJK3H5XYZ1"})
	if status := p.Submit(form); status != http.StatusOK {
		t.Fatalf("pay: %d", status)
	}
	if got := p.Text(".flash"); !strings.Contains(got, "RCT-") || !strings.Contains(got, "1,500.00") {
		t.Errorf("flash %q", got)
	}
	href := Eval[string](p, `document.querySelector('a[href*="/receipt/"]').getAttribute("href")`)
	b64 := run(p, "download the receipt", chromedp.Evaluate[string](`fetch(`+jsString(href)+`).then(r => r.arrayBuffer()).then(b => {
		let s = ""; new Uint8Array(b).forEach(c => s += String.fromCharCode(c)); return btoa(s) })`, chromedp.EvalAwaitPromise))
	pdf, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("receipt is not a PDF (%v): %.40q", err, pdf)
	}
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = strings.NewReader(string(pdf))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext (Debian poppler-utils): %v", err)
	}
	for _, want := range []string{"Amina Otieno", amina.MRN, "KES 1,500.00", "Mobile money", "QJK3H5XYZ1"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the receipt lacks %q:\n%s", want, out)
		}
	}
	p.ExpectClean()
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
