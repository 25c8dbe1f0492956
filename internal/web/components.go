package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	pweb "healthsynx/internal/platform/web"
)

// statusTones gives each status of the workflows the colour family of its badge.
// The tone only supports the words: a badge always shows its status as text.
var statusTones = map[string]string{
	// queue
	"waiting": "warn", "with_doctor": "info", "sent_to_lab": "info", "sent_to_imaging": "info",
	"sent_to_pharmacy": "info", "completed": "ok",
	// appointments
	"booked": "info", "confirmed": "info", "checked_in": "ok", "cancelled": "neutral", "no_show": "danger",
	// orders and results
	"ordered": "info", "in_progress": "info", "resulted": "ok", "released": "ok",
	"normal": "ok", "abnormal": "warn", "high": "warn", "low": "warn", "critical": "danger",
	// billing
	"unpaid": "danger", "partially_paid": "warn", "paid": "ok", "void": "neutral", "refunded": "neutral",
	// stock
	"in_stock": "ok", "low_stock": "warn", "out_of_stock": "danger", "expiring": "warn", "expired": "danger",
	// accounts
	"active": "ok", "inactive": "neutral", "locked": "danger", "archived": "neutral",
}

// Badge renders a status such as "sent_to_lab" as a labelled badge ("Sent to lab").
func Badge(status string) template.HTML {
	tone, ok := statusTones[status]
	if !ok {
		tone = "neutral"
	}
	label := strings.ReplaceAll(status, "_", " ")
	if label != "" {
		label = strings.ToUpper(label[:1]) + label[1:]
	}
	return template.HTML(`<span class="badge badge-` + tone + `">` + template.HTMLEscapeString(label) + `</span>`)
}

// Empty is what a list shows when it has nothing in it: what the list is for,
// and where to go next.
type Empty struct {
	Title, Text  string
	Href, Action string // an optional link to the next step
}

// NewEmpty builds an Empty for the "empty" template: title, text and, optionally,
// the href and label of a link.
func NewEmpty(title, text string, link ...string) (Empty, error) {
	e := Empty{Title: title, Text: text}
	switch len(link) {
	case 0:
	case 2:
		e.Href, e.Action = link[0], link[1]
	default:
		return e, errors.New("empty: the link needs an href and a label")
	}
	return e, nil
}

// Stat is one figure on a dashboard.
type Stat struct {
	Label string
	Value string
	Note  string // e.g. "longest wait 42 min"
	Href  string // the list behind the figure, if any
	Tone  string // "", "ok", "warn" or "danger": draws the eye to a figure that needs action
}

// Pager links a list page to its neighbours; an empty URL means there is none.
type Pager struct {
	Prev, Next string
	Summary    string // e.g. "41–60 of 312"
}

// Confirm is the page that asks before an action that cannot be undone (void an
// invoice, archive a patient): render it with the page template "confirm.html".
// It works without JavaScript, unlike a form's data-confirm.
type Confirm struct {
	Heading string
	Message string
	Action  string            // where the form posts
	Hidden  map[string]string // extra fields to post, e.g. the object's version
	Submit  string            // the button, e.g. "Void invoice"
	Cancel  string            // where "Cancel" goes back to
	Danger  bool              // the action destroys or reverses something
	// Reason asks for a written reason (voids, refunds, archiving); Form keeps
	// what was typed and its error when the reason is sent back.
	Reason bool
	Form   *Form
}

// NewPager links page p of a list of count rows to its neighbours. The links keep the
// request's other query parameters (search, filters), so paging never loses them.
func NewPager(r *http.Request, p pweb.PageRequest, count int) Pager {
	var pg Pager
	if count > 0 {
		pg.Summary = fmt.Sprintf("%d–%d of %d", p.Offset()+1, min(p.Offset()+p.Size, count), count)
	}
	if p.Page > 1 {
		pg.Prev = pageLink(r, p.Page-1)
	}
	if p.Page*p.Size < count {
		pg.Next = pageLink(r, p.Page+1)
	}
	return pg
}

func pageLink(r *http.Request, page int) string {
	q := r.URL.Query()
	if page == 1 {
		q.Del("page")
	} else {
		q.Set("page", strconv.Itoa(page))
	}
	if enc := q.Encode(); enc != "" {
		return r.URL.Path + "?" + enc
	}
	return r.URL.Path
}
