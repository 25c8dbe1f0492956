package patients

import (
	"context"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/web"
)

// List returns one page of patients and the number of matches: ordered by id, or by
// relevance when searching (see search.go). It issues the same few queries whatever the
// page size.
func (s *Service) List(ctx context.Context, f Filter, page *web.PageRequest) ([]Patient, int, error) {
	out, n, err := s.list(ctx, s.DB, f, page)
	return out, n, errs.Wrap("patients.List", err)
}

func (s *Service) list(ctx context.Context, q db.Querier, f Filter, page *web.PageRequest) ([]Patient, int, error) {
	if f.Search == "" {
		return listAll(ctx, q, f.Archived, page)
	}
	ids, n, err := searchIDs(ctx, q, f, page)
	if err != nil || len(ids) == 0 {
		return nil, n, err
	}
	byID, err := s.Patients(ctx, q, ids)
	if err != nil {
		return nil, 0, err
	}
	out := make([]Patient, 0, len(ids))
	for _, id := range ids {
		if p, ok := byID[id]; ok {
			out = append(out, p)
		}
	}
	return out, n, nil
}

// Lookup finds patients for the desks that may only name them (pharmacy, billing,
// lab, imaging): the same search, answering references only.
func (s *Service) Lookup(ctx context.Context, text string, page *web.PageRequest) ([]Ref, int, error) {
	ps, n, err := s.List(ctx, Filter{Search: text}, page)
	refs := make([]Ref, len(ps))
	for i, p := range ps {
		refs[i] = p.Ref()
	}
	return refs, n, err
}

// Ref is the reference to p.
func (p Patient) Ref() Ref {
	return Ref{ID: p.ID, Username: p.Username, FullName: p.FullName, MRN: p.MRN}
}

// listAll is the list without a search: live (or archived) patients by id, in two
// queries.
func listAll(ctx context.Context, q db.Querier, archived bool, page *web.PageRequest) ([]Patient, int, error) {
	countQuery, pageQuery := listAllSQL(q.Dialect(), archived)
	var n int
	if err := q.QueryRow(ctx, countQuery).Scan(&n); err != nil {
		return nil, 0, err
	}
	if err := page.Resolve(n); err != nil {
		return nil, 0, err
	}
	out, err := db.Collect(scanPatient)(q.Query(ctx, pageQuery, page.Size, page.Offset()))
	return out, n, err
}

// listAllSQL are the two queries of the plain list: the count reads a key index
// (archived_at leads them all), the page reads the patients in id order.
func listAllSQL(e db.Engine, archived bool) (count, page string) {
	return "SELECT COUNT(*) FROM patient_profiles p WHERE " + archivedIs(e, archived, true),
		"SELECT " + patientColumns + patientFrom + " WHERE " + archivedIs(e, archived, false) + " ORDER BY p.user_id LIMIT ? OFFSET ?"
}
