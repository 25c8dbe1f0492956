package demo

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"healthsynx/internal/app"
	"healthsynx/internal/billing"
	"healthsynx/internal/consult"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/web"
)

// hospital is what the synthetic history is made of besides its patients: the staff
// who see them, the departments, and the price list that bills them, all read from the
// database that the demo load has just filled.
type hospital struct {
	loc   *time.Location
	staff map[auth.Role][]int64
	dept  map[string]int64 // id by name; 0 when missing
	// consultation prices by department id, 0 for the hospital's default fee
	consultation map[int64]price
	items        map[billing.PriceKey]price // tests, scans and medicines by code
	icd10        map[string]string          // description by code
}

// price is an entry of the price list as a charge copies it; id 0 is a fallback fee.
type price struct {
	id     int64
	name   string
	amount billing.Money
}

// readHospital reads the staff, departments and prices in force at until.
func readHospital(ctx context.Context, a *app.App, until time.Time) (*hospital, error) {
	h := &hospital{loc: a.Config.Location(), staff: map[auth.Role][]int64{}, dept: map[string]int64{},
		consultation: map[int64]price{}, items: map[billing.PriceKey]price{}, icd10: map[string]string{}}
	rows, err := a.DB.Query(ctx, "SELECT id, role FROM users WHERE role <> ? AND is_active = ? ORDER BY id", string(auth.RolePatient), true)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var role auth.Role
		if err := rows.Scan(&id, &role); err != nil {
			rows.Close()
			return nil, err
		}
		h.staff[role] = append(h.staff[role], id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(h.staff[auth.RoleDoctor]) == 0 {
		return nil, fmt.Errorf("the hospital has no active doctor to write its notes; load the demo staff first")
	}
	rows, err = a.DB.Query(ctx, "SELECT id, name FROM departments")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return nil, err
		}
		h.dept[name] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for page := 1; ; page++ {
		list, n, err := a.Billing.Prices(ctx, billing.PriceFilter{At: until}, &web.PageRequest{Page: page, Size: 200})
		if err != nil {
			return nil, err
		}
		for _, p := range list {
			pr := price{id: p.ID, name: p.Name, amount: p.Amount}
			if billing.PriceKind(p.Kind) == billing.PriceConsultation {
				dept, _ := strconv.ParseInt(p.Code, 10, 64) // "default" is 0
				h.consultation[dept] = pr
				continue
			}
			h.items[billing.PriceKey{Kind: billing.PriceKind(p.Kind), Code: p.Code}] = pr
		}
		if page*200 >= n {
			break
		}
	}
	for _, c := range consult.SearchICD10("") {
		h.icd10[c.Code] = c.Description
	}
	return h, h.check()
}

// check makes sure that every test, scan, medicine and code the conditions use exists,
// so that a plan never counts a charge that cannot be priced.
func (h *hospital) check() error {
	for _, c := range conditions {
		if h.icd10[c.code] == "" {
			return fmt.Errorf("ICD-10 code %s is not in the built-in list", c.code)
		}
		for _, o := range c.tests {
			if _, ok := h.items[testKey(o.code)]; !ok {
				return fmt.Errorf("the price list has no test %s; load the demo prices first", o.code)
			}
		}
		for _, m := range c.medicines {
			if _, ok := h.items[medicineKey(m)]; !ok {
				return fmt.Errorf("the price list has no medicine %s; load the demo prices first", m)
			}
		}
	}
	for _, code := range comorbidities {
		if h.icd10[code] == "" {
			return fmt.Errorf("ICD-10 code %s is not in the built-in list", code)
		}
	}
	return nil
}

// testKey is the price-list item of a test or scan code of the conditions.
func testKey(code string) billing.PriceKey {
	for _, it := range demoItems {
		if it.code == code {
			return billing.PriceKey{Kind: it.kind, Code: code}
		}
	}
	return billing.PriceKey{Kind: billing.PriceLab, Code: code}
}

func medicineKey(name string) billing.PriceKey {
	return billing.PriceKey{Kind: billing.PriceMedicine, Code: medicineCode(name)}
}

// consultationFee is what a consultation in the department costs, as ChargeConsultation
// prices it: the department's fee, else the hospital's, else the fixed default.
func (h *hospital) consultationFee(dept int64) price {
	if p, ok := h.consultation[dept]; ok {
		return p
	}
	if p, ok := h.consultation[0]; ok {
		return p
	}
	return price{name: billing.Consultation.Label(), amount: billing.DefaultConsultationFee}
}

// someone is one of the staff with the role, or 0 (stored as NULL) when there is none.
func (h *hospital) someone(d dice, role auth.Role) int64 {
	ids := h.staff[role]
	if len(ids) == 0 {
		return 0
	}
	return ids[d.IntN(len(ids))]
}
