package patients

import (
	"context"
	"strconv"
	"strings"
	"unicode"

	"healthsynx/internal/platform/db"
	"healthsynx/internal/platform/web"
)

// A search finds patients from one box of text: an MRN ("HS-0001234"), a phone number
// ("0712 345", "+254712…"), a name prefix in either order ("ami oti", "oti ami"), or a
// username. The text is turned into branches, each a range on one index:
//
//   - an MRN: the unique index on mrn;
//   - digits: the phone-key index;
//   - words: every way of splitting them into a first-name prefix and a last-name
//     prefix, in both orders, on the (first, last) and (last, first) key indexes; then
//     the text as an exact username.
//
// Each branch excludes the rows of the branches before it, so the branches never
// overlap: the total is the sum of their counts, and a page is read by taking the
// right slice of each branch in its index order, in one UNION ALL query. No branch
// uses LIKE '%…%', and no query scans more than the index ranges the text names, so
// a search stays fast at a million patients on every engine.

// Filter selects the patients a list shows.
type Filter struct {
	Search string
	// Archived lists the archived patients instead of the live ones (administrators).
	Archived bool
}

const (
	// maxSearchWords bounds the branches a name search makes; further words join the last.
	maxSearchWords = 4
	// minPhoneDigits is how many digits of a number (after the country code or trunk 0)
	// a phone search needs: fewer name most of the hospital.
	minPhoneDigits = 3
)

// cond is an SQL condition with its arguments.
type cond struct {
	sql  string
	args []any
}

func and(cs ...cond) cond {
	var out cond
	parts := make([]string, 0, len(cs))
	for _, c := range cs {
		parts = append(parts, c.sql)
		out.args = append(out.args, c.args...)
	}
	out.sql = strings.Join(parts, " AND ")
	return out
}

// prefixRange matches the keys of col that start with prefix, as an index range.
func prefixRange(col, prefix string) cond {
	if next := nextPrefix(prefix); next != "" {
		return cond{col + " >= ? AND " + col + " < ?", []any{prefix, next}}
	}
	return cond{col + " >= ?", []any{prefix}}
}

// branch is one way the search text can match, read in the order of its index.
type branch struct {
	match cond
	// keyed says the branch reads a search-key index, which begins with archived_at;
	// the others read the MRN or username index.
	keyed bool
	// users says the condition reads the account (u), not only the profile (p).
	users bool
	// sort are the two columns after which the branch is ordered (then by id); ""
	// for a branch of at most one row.
	sort [2]string
}

// plan turns the search text into its branches; none when it cannot match anything.
func plan(q db.Querier, text string) []branch {
	text = strings.TrimSpace(text)
	if lo, hi, ok := mrnRange(text); ok {
		switch {
		case lo == "":
			return nil
		case lo == hi:
			return []branch{{match: cond{"p.mrn = ?", []any{lo}}, sort: [2]string{"p.mrn", ""}}}
		}
		return []branch{{match: cond{"p.mrn >= ? AND p.mrn <= ?", []any{lo, hi}}, sort: [2]string{"p.mrn", ""}}}
	}
	if isPhoneText(text) {
		key := phoneKey(text)
		if len(key) < minPhoneDigits {
			return nil
		}
		return []branch{{match: prefixRange("p.phone_key", key), keyed: true, sort: [2]string{"p.phone_key", ""}}}
	}
	out := nameBranches(searchWords(text))
	if text != "" && !strings.ContainsFunc(text, unicode.IsSpace) {
		out = append(out, branch{match: cond{usernameMatch(q), []any{text}}, users: true})
	}
	return out
}

// isPhoneText reports text made of digits and the signs a phone number is written with.
func isPhoneText(text string) bool {
	digits := false
	for _, r := range text {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case !strings.ContainsRune("+ -()", r):
			return false
		}
	}
	return digits
}

// searchWords are the name keys of the words of text, at most maxSearchWords.
func searchWords(text string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		if k := nameKey(w); k != "" {
			words = append(words, k)
		}
	}
	if len(words) > maxSearchWords {
		words = append(words[:maxSearchWords-1], strings.Join(words[maxSearchWords-1:], ""))
	}
	return words
}

// nameBranches are the ways words can name a patient, most likely first: all of them
// starting the first name ("mary anne" → Maryanne), a first name then a last name
// ("amina otieno"), a last name then a first name ("otieno amina"), all of them
// starting the last name ("wa njeri" → Wanjeri). A key holds no spaces, so the words
// of a two-word name are joined.
func nameBranches(words []string) []branch {
	n := len(words)
	if n == 0 {
		return nil
	}
	join := func(ws []string) string { return strings.Join(ws, "") }
	var out []branch
	add := func(first, last string) {
		var cs []cond
		if first != "" {
			cs = append(cs, prefixRange("p.first_key", first))
		}
		if last != "" {
			cs = append(cs, prefixRange("p.last_key", last))
		}
		sort := [2]string{"p.first_key", "p.last_key"}
		if first == "" {
			sort = [2]string{"p.last_key", "p.first_key"}
		}
		out = append(out, branch{match: and(cs...), keyed: true, sort: sort})
	}
	add(join(words), "")
	for k := n - 1; k >= 1; k-- {
		add(join(words[:k]), join(words[k:]))
	}
	for k := 1; k <= n-1; k++ {
		add(join(words[k:]), join(words[:k]))
	}
	add("", join(words))
	return out
}

// where is branch i's condition: the live or archived patients it matches that no
// earlier branch matches. users says it needs the account joined.
func where(e db.Engine, bs []branch, i int, archived bool) (c cond, users bool) {
	parts := []cond{{sql: archivedIs(e, archived, bs[i].keyed)}, bs[i].match}
	users = bs[i].users
	for _, prev := range bs[:i] {
		parts = append(parts, cond{"NOT (" + prev.match.sql + ")", prev.match.args})
		users = users || prev.users
	}
	return and(parts...), users
}

// archivedIs selects the live patients, or the archived ones. byKey says the query
// reads a search-key index, whose first column is archived_at. Otherwise (an MRN, a
// username, the plain list by id) the condition must not lead SQLite to that index:
// SQLite plans without statistics unless ANALYZE ran, takes "archived_at IS NULL"
// (true of nearly every row) for a selective term, and would read every live patient
// to sort them. The unary + is its documented way to keep a term off the indexes; the
// other engines plan from statistics.
func archivedIs(e db.Engine, archived, byKey bool) string {
	col := "p.archived_at"
	if !byKey && e == db.SQLite {
		col = "+" + col
	}
	if archived {
		return col + " IS NOT NULL"
	}
	return col + " IS NULL"
}

func from(users bool) string {
	if users {
		return " FROM patient_profiles p JOIN users u ON u.id = p.user_id"
	}
	return " FROM patient_profiles p"
}

// orderBy is a branch's order: its index's order, so that the engine reads the index
// instead of sorting the matches. The key indexes begin with archived_at, NULL for
// every live patient. SQLite and MySQL know that "archived_at IS NULL" makes the
// column constant (MySQL sorts if it is named); PostgreSQL does not, and reads the
// index in order only if the ORDER BY names it.
func orderBy(e db.Engine, b branch, archived bool) string {
	var cols []string
	if !archived && b.keyed && e == db.Postgres {
		cols = append(cols, "p.archived_at")
	}
	for _, c := range b.sort {
		if c != "" {
			cols = append(cols, c)
		}
	}
	return strings.Join(append(cols, "p.user_id"), ", ")
}

// searchIDs returns the ids of one page of the search's matches, in order, and the
// number of matches: two queries, whatever the page size.
func searchIDs(ctx context.Context, q db.Querier, f Filter, page *web.PageRequest) ([]int64, int, error) {
	bs := plan(q, f.Search)
	if len(bs) == 0 {
		return nil, 0, page.Resolve(0)
	}
	counts := make([]int, len(bs))
	dest := make([]any, len(bs))
	for i := range counts {
		dest[i] = &counts[i]
	}
	query, args := countSQL(q.Dialect(), bs, f.Archived)
	if err := q.QueryRow(ctx, query, args...).Scan(dest...); err != nil {
		return nil, 0, err
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	if err := page.Resolve(total); err != nil {
		return nil, 0, err
	}
	query, args = pageSQL(q.Dialect(), bs, counts, *page, f.Archived)
	if query == "" {
		return nil, total, nil
	}
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var n int
		var s1, s2 string
		if err := rows.Scan(&id, &n, &s1, &s2); err != nil {
			return nil, 0, err
		}
		ids = append(ids, id)
	}
	return ids, total, rows.Err()
}

// countSQL counts each branch's matches, one column per branch.
func countSQL(e db.Engine, bs []branch, archived bool) (string, []any) {
	parts := make([]string, len(bs))
	var args []any
	for i := range bs {
		c, users := where(e, bs, i, archived)
		parts[i] = "(SELECT COUNT(*)" + from(users) + " WHERE " + c.sql + ")"
		args = append(args, c.args...)
	}
	return "SELECT " + strings.Join(parts, ", "), args
}

// pageSQL selects the ids of the page: from each branch that the page overlaps, the
// slice it covers, in the branch's index order; "" when the page is past the end.
func pageSQL(e db.Engine, bs []branch, counts []int, page web.PageRequest, archived bool) (string, []any) {
	var parts []string
	var args []any
	start := 0 // the position of the branch's first match among all matches
	for i, n := range counts {
		from, to := max(page.Offset(), start), min(page.Offset()+page.Size, start+n)
		if from < to {
			sql, a := branchPage(e, bs, i, archived, to-from, from-start)
			parts = append(parts, sql)
			args = append(args, a...)
		}
		start += n
	}
	if len(parts) == 0 {
		return "", nil
	}
	return strings.Join(parts, " UNION ALL ") + " ORDER BY n, s1, s2, user_id", args
}

// branchPage selects limit ids of branch i after skipping offset, with the branch
// number and its sort keys for the outer ORDER BY.
func branchPage(e db.Engine, bs []branch, i int, archived bool, limit, offset int) (string, []any) {
	c, users := where(e, bs, i, archived)
	key := func(col string) string {
		if col == "" {
			return "''"
		}
		return col
	}
	b := bs[i]
	n := strconv.Itoa(i)
	sql := "SELECT user_id, n, s1, s2 FROM (SELECT p.user_id, " + n + " AS n, " + key(b.sort[0]) + " AS s1, " + key(b.sort[1]) + " AS s2" +
		from(users) + " WHERE " + c.sql + " ORDER BY " + orderBy(e, b, archived) + " LIMIT ? OFFSET ?) b" + n
	return sql, append(c.args, limit, offset)
}
