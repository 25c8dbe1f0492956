package billing

import (
	"context"
	"fmt"
	"strconv"

	"healthsynx/internal/audit"
	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// MsgDuplicatePrice refuses a second version of an item from the same moment.
const MsgDuplicatePrice = "This item already has a price from that moment: choose another effective date."

// AddPrice records a new version of an item's price (hospital administrators and
// administrators). It applies to what is charged from its effective time on; charges
// already made keep their amounts.
func (s *Service) AddPrice(ctx context.Context, by audit.Event, in PriceInput) (PriceView, error) {
	p, err := in.check(db.Now(), s.location())
	if err != nil {
		return PriceView{}, err
	}
	if p.Kind == PriceConsultation && p.Code != DefaultCode {
		if err := s.checkDepartmentCode(ctx, p.Code); err != nil {
			return PriceView{}, err
		}
	}
	p.CreatedBy, p.CreatedAt = by.ActorID, db.Now()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := insertPrice(ctx, tx, &p); err != nil {
			return err
		}
		return s.logChange(ctx, tx, event(by, audit.ActionCreate, objPrice, p.ID, 0,
			fmt.Sprintf("%s %s = %s from %s", p.Kind, p.Code, p.Amount, web.Time(p.EffectiveFrom))))
	})
	if db.IsUniqueViolation(err) {
		return PriceView{}, errs.Field("effective_from", MsgDuplicatePrice)
	}
	return s.priceView(p), errs.Wrap("billing.AddPrice", err)
}

// checkDepartmentCode requires a consultation code to name a department.
func (s *Service) checkDepartmentCode(ctx context.Context, code string) error {
	id, err := strconv.ParseInt(code, 10, 64)
	if err == nil && id > 0 {
		_, err = s.Departments.Get(ctx, id)
	}
	if err == nil {
		return nil
	}
	if errs.Is(err, errs.NotFound) || id <= 0 {
		return errs.Field("code", "A consultation fee is for a department: use its id, or \""+DefaultCode+"\" for the hospital's fee.")
	}
	return err
}

// Prices returns one page of the price list: the versions in force at f.At, or every
// version of one item.
func (s *Service) Prices(ctx context.Context, f PriceFilter, p *web.PageRequest) ([]PriceView, int, error) {
	n, err := countPrices(ctx, s.DB, f)
	if err != nil {
		return nil, 0, errs.Wrap("billing.Prices", err)
	}
	if err := p.Resolve(n); err != nil {
		return nil, 0, err
	}
	rows, err := listPrices(ctx, s.DB, f, p.Size, p.Offset())
	out := make([]PriceView, len(rows))
	for i, r := range rows {
		out[i] = s.priceView(r)
	}
	return out, n, errs.Wrap("billing.Prices", err)
}
