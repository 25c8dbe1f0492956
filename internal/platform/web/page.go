package web

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"healthsynx/internal/platform/errs"
)

// Page sizes of the original's "standard" paginator.
const (
	DefaultPageSize = 10
	MaxPageSize     = 50
)

// PageRequest is a page-number request: ?page=N&page_size=M.
type PageRequest struct {
	Page int
	Size int
}

// Offset is the number of rows before the page.
func (p PageRequest) Offset() int { return (p.Page - 1) * p.Size }

// ParsePage reads ?page and ?page_size. A page that is not a positive number is the
// original's 404 "Invalid page."; a bad page_size falls back to the default.
func ParsePage(r *http.Request) (PageRequest, error) {
	q := r.URL.Query()
	p := PageRequest{Page: 1, Size: DefaultPageSize}
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if s == "last" {
			n, err = -1, nil // resolved once the count is known
		}
		if err != nil || n == 0 || n < -1 {
			return p, errs.E(errs.NotFound, MsgInvalidPage)
		}
		p.Page = n
	}
	if s := q.Get("page_size"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			p.Size = min(n, MaxPageSize)
		}
	}
	return p, nil
}

// Envelope is the original's page-number list body.
type Envelope[T any] struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

// Resolve settles "page=last" and checks the page exists for count rows: any page past
// the last (except page 1 of an empty list) is 404 "Invalid page.".
func (p *PageRequest) Resolve(count int) error {
	last := max(1, (count+p.Size-1)/p.Size)
	if p.Page == -1 {
		p.Page = last
	}
	if p.Page > last {
		return errs.E(errs.NotFound, MsgInvalidPage)
	}
	return nil
}

// NewEnvelope builds the list body with absolute next/previous links, as DRF did.
func NewEnvelope[T any](r *http.Request, p PageRequest, count int, results []T) Envelope[T] {
	if results == nil {
		results = []T{}
	}
	env := Envelope[T]{Count: count, Results: results}
	if p.Page*p.Size < count {
		s := pageURL(r, p.Page+1)
		env.Next = &s
	}
	if p.Page > 1 {
		s := pageURL(r, p.Page-1)
		env.Previous = &s
	}
	return env
}

func pageURL(r *http.Request, page int) string {
	u := AbsoluteURL(r, r.URL.Path)
	q := r.URL.Query()
	if page == 1 {
		q.Del("page") // DRF drops page=1 from the previous link
	} else {
		q.Set("page", strconv.Itoa(page))
	}
	if enc := q.Encode(); enc != "" {
		u += "?" + enc
	}
	return u
}

// AbsoluteURL builds scheme://host/path for links in responses.
func AbsoluteURL(r *http.Request, path string) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return (&url.URL{Scheme: scheme, Host: r.Host, Path: path}).String()
}

// CursorEnvelope is the body of a keyset-paged list (DRF's CursorPagination shape).
type CursorEnvelope[T any] struct {
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

// Cursor is the position after which a keyset page starts: the sort key and the id of
// the last row seen. Reverse asks for the page before it.
type Cursor struct {
	Key     string `json:"k,omitempty"`
	ID      int64  `json:"i"`
	Reverse bool   `json:"r,omitempty"`
}

// ParseCursor decodes ?cursor=; an empty value is the first page.
func ParseCursor(r *http.Request) (*Cursor, error) {
	s := r.URL.Query().Get("cursor")
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c Cursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID <= 0 {
		return nil, errs.E(errs.NotFound, "Invalid cursor")
	}
	return &c, nil
}

// CursorURL is the link to the page after (or before) c.
func CursorURL(r *http.Request, c Cursor) string {
	b, _ := json.Marshal(c)
	q := r.URL.Query()
	q.Set("cursor", base64.RawURLEncoding.EncodeToString(b))
	return AbsoluteURL(r, r.URL.Path) + "?" + q.Encode()
}
