package demo

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"healthsynx/internal/app"
	"healthsynx/internal/audit"
	"healthsynx/internal/billing"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/web"
)

// The demo price list, in force from pricesFrom so that the synthetic history of a
// large hospital is priced from it too. The original charged a fixed 1200.00 per
// consultation and 500, 3000 and 4000 for lab, X-ray and MRI (W-4, W-7): the
// defaults and a few items keep those figures.
const pricesFrom = "2024-01-01"

// consultationFees are the fees of the departments that see patients; the others fall
// back to the hospital's default.
var consultationFees = map[string]string{"Doctor": "1500.00", "Nurse": "800.00", "Radiology": "1000.00"}

// demoItems are lab tests and imaging studies with the codes their modules will use.
var demoItems = []struct {
	kind             billing.PriceKind
	code, name, cost string
}{
	{billing.PriceLab, "CBC", "Full blood count", "800.00"},
	{billing.PriceLab, "MAL-RDT", "Malaria rapid diagnostic test", "500.00"},
	{billing.PriceLab, "FBS", "Fasting blood sugar", "300.00"},
	{billing.PriceLab, "UA", "Urinalysis", "400.00"},
	{billing.PriceLab, "LFT", "Liver function tests", "1500.00"},
	{billing.PriceImaging, "XRAY-CHEST", "Chest X-ray", "3000.00"},
	{billing.PriceImaging, "US-ABD", "Abdominal ultrasound", "3500.00"},
	{billing.PriceImaging, "MRI-BRAIN", "MRI of the brain", "4000.00"},
}

// loadPrices sets the demo price list: the hospital's default consultation fee, the
// fees of the clinical departments, a few tests and studies, and every demo medicine
// at its price (code: its name in capitals, e.g. PARACETAMOL-500MG). An item that
// already has a price is left as it is.
func loadPrices(ctx context.Context, a *app.App, deptIDs map[string]int64) error {
	type item struct{ kind, code, name, amount string }
	items := []item{{string(billing.PriceConsultation), billing.DefaultCode, "Consultation", "1200.00"}}
	for dept, fee := range consultationFees {
		if id, ok := deptIDs[dept]; ok {
			items = append(items, item{string(billing.PriceConsultation), strconv.FormatInt(id, 10), "Consultation, " + dept, fee})
		}
	}
	for _, it := range demoItems {
		items = append(items, item{string(it.kind), it.code, it.name, it.cost})
	}
	medicines, err := readCSV("medicines.csv")
	if err != nil {
		return err
	}
	for _, m := range medicines {
		items = append(items, item{string(billing.PriceMedicine), medicineCode(m["name"]), m["name"], m["price"]})
	}
	by := audit.Event{ActorUsername: identity.System.Username, ActorRole: identity.System.Role}
	for _, it := range items {
		_, n, err := a.Billing.Prices(ctx, billing.PriceFilter{Kind: billing.PriceKind(it.kind), Code: it.code}, &web.PageRequest{Page: 1, Size: 1})
		if err != nil {
			return fmt.Errorf("demo prices: %w", err)
		}
		if n > 0 {
			continue
		}
		from := pricesFrom
		in := billing.PriceInput{Kind: &it.kind, Code: &it.code, Name: &it.name, Amount: billing.AmountText(it.amount), EffectiveFrom: &from}
		if _, err := a.Billing.AddPrice(ctx, by, in); err != nil {
			return fmt.Errorf("demo price %s %s: %w", it.kind, it.code, err)
		}
	}
	return nil
}

// medicineCode makes a price-list code of a medicine's name: "Paracetamol 500mg" is
// PARACETAMOL-500MG.
func medicineCode(name string) string {
	return strings.ToUpper(strings.Join(strings.FieldsFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}), "-"))
}
