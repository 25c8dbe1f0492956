package billing

import (
	"net/http"

	"healthsynx/internal/platform/web"
)

// Paging is how a list was asked for: by keyset cursor, which costs the same at any
// depth, or by the original's page numbers (a count and an offset), kept so that
// existing clients keep working. A request with a cursor parameter, even an empty one
// for the first page, pages by keyset.
type Paging struct {
	Keyset bool
	After  *keyset // the keyset position; nil for the first page
	Size   int     // rows per keyset page
	Page   web.PageRequest
}

// parsePaging reads ?cursor= or ?page= and ?page_size= (default 10, at most 50).
func parsePaging(r *http.Request) (Paging, error) {
	pr, err := web.ParsePage(r)
	if err != nil {
		return Paging{}, err
	}
	p := Paging{Page: pr, Size: pr.Size}
	if !r.URL.Query().Has("cursor") {
		return p, nil
	}
	c, err := web.ParseCursor(r)
	if err != nil {
		return p, err
	}
	p.Keyset = true
	p.After, err = parseKeyset(c)
	return p, err
}

// Listing is one page of a list: Count and the page number in page-number mode, the
// neighbours' cursors in keyset mode.
type Listing[T any] struct {
	Items      []T
	Count      int
	Paging     Paging
	Next, Prev *web.Cursor
}

// respondList writes a listing in the envelope of its mode: the original's
// {count, next, previous, results}, or {next, previous, results} with cursor links.
func respondList[T any](w http.ResponseWriter, r *http.Request, l Listing[T]) {
	if !l.Paging.Keyset {
		web.JSON(w, http.StatusOK, web.NewEnvelope(r, l.Paging.Page, l.Count, l.Items))
		return
	}
	env := web.CursorEnvelope[T]{Results: l.Items}
	if env.Results == nil {
		env.Results = []T{}
	}
	if l.Next != nil {
		u := web.CursorURL(r, *l.Next)
		env.Next = &u
	}
	if l.Prev != nil {
		u := web.CursorURL(r, *l.Prev)
		env.Previous = &u
	}
	web.JSON(w, http.StatusOK, env)
}
