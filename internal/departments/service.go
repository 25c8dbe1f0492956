package departments

import (
	"context"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// Service holds the department use cases. Callers have passed the route's permission
// check; departments have no object-level rules.
type Service struct {
	DB *db.DB
}

// Get returns one department or NotFound.
func (s *Service) Get(ctx context.Context, id int64) (Department, error) {
	d, err := get(ctx, s.DB, id)
	if db.IsNoRows(err) {
		return d, errs.E(errs.NotFound, web.MsgNotFound)
	}
	return d, errs.Wrap("departments.Get", err)
}

// List returns one page of departments and the total count.
func (s *Service) List(ctx context.Context, p *web.PageRequest) ([]Department, int, error) {
	n, err := count(ctx, s.DB)
	if err != nil {
		return nil, 0, errs.Wrap("departments.List", err)
	}
	if err := p.Resolve(n); err != nil {
		return nil, 0, err
	}
	out, err := list(ctx, s.DB, p.Size, p.Offset())
	return out, n, errs.Wrap("departments.List", err)
}

// ListWithMembers is List with each department's member count, in two queries
// whatever the page size.
func (s *Service) ListWithMembers(ctx context.Context, p *web.PageRequest) ([]Listed, int, error) {
	n, err := count(ctx, s.DB)
	if err != nil {
		return nil, 0, errs.Wrap("departments.ListWithMembers", err)
	}
	if err := p.Resolve(n); err != nil {
		return nil, 0, err
	}
	out, err := listWithMembers(ctx, s.DB, p.Size, p.Offset())
	return out, n, errs.Wrap("departments.ListWithMembers", err)
}

// Members counts a department's active staff.
func (s *Service) Members(ctx context.Context, id int64) (int, error) {
	n, err := members(ctx, s.DB, id)
	return n, errs.Wrap("departments.Members", err)
}

// Create validates and stores a new department.
func (s *Service) Create(ctx context.Context, in Input) (Department, error) {
	var d Department
	if err := in.apply(&d, false); err != nil {
		return d, err
	}
	err := insert(ctx, s.DB, &d)
	if db.IsUniqueViolation(err) {
		return d, errs.Field("name", MsgDuplicateName)
	}
	return d, errs.Wrap("departments.Create", err)
}

// Update changes a department; partial leaves absent fields as they are.
func (s *Service) Update(ctx context.Context, id int64, in Input, partial bool) (Department, error) {
	var d Department
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		d, err = get(ctx, tx, id)
		if db.IsNoRows(err) {
			return errs.E(errs.NotFound, web.MsgNotFound)
		}
		if err != nil {
			return err
		}
		if err := in.apply(&d, partial); err != nil {
			return err
		}
		err = update(ctx, tx, &d)
		if db.IsUniqueViolation(err) {
			return errs.Field("name", MsgDuplicateName)
		}
		return err
	})
	return d, errs.Wrap("departments.Update", err)
}

// Delete removes a department. Staff keep their accounts; their department is cleared
// by the foreign key (ON DELETE SET NULL).
func (s *Service) Delete(ctx context.Context, id int64) (Department, error) {
	var d Department
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		d, err = get(ctx, tx, id)
		if db.IsNoRows(err) {
			return errs.E(errs.NotFound, web.MsgNotFound)
		}
		if err != nil {
			return err
		}
		err = remove(ctx, tx, id)
		if db.IsForeignKeyViolation(err) {
			return errs.E(errs.Conflict, MsgInUse)
		}
		return err
	})
	return d, errs.Wrap("departments.Delete", err)
}

// IDByName finds a department by name (command line, demo data).
func (s *Service) IDByName(ctx context.Context, name string) (int64, error) {
	var id int64
	err := s.DB.QueryRow(ctx, "SELECT id FROM departments WHERE name = ?", name).Scan(&id)
	if db.IsNoRows(err) {
		return 0, errs.E(errs.NotFound, "no department named "+name)
	}
	return id, errs.Wrap("departments.IDByName", err)
}
