package billing

import (
	"slices"
	"testing"
)

func TestSettle(t *testing.T) {
	l := func(id int64, amount, paid Money) line { return line{id: id, amount: amount, paid: paid} }
	for _, tc := range []struct {
		name  string
		lines []line
		paid  Money
		want  []Money // each line's paid amount after settling
	}{
		{"nothing paid", []line{l(1, 100, 0), l(2, 200, 0)}, 0, []Money{0, 0}},
		{"a payment covers the oldest first", []line{l(1, 100, 0), l(2, 200, 0)}, 150, []Money{100, 50}},
		{"full payment", []line{l(1, 100, 0), l(2, 200, 0)}, 300, []Money{100, 200}},
		{"a mark-paid keeps its record", []line{l(1, 100, 0), l(2, 200, 200)}, 200, []Money{0, 200}},
		{"new money skips a settled record", []line{l(1, 100, 0), l(2, 200, 200), l(3, 50, 0)}, 280, []Money{80, 200, 0}},
		{"a refund leaves the newest first", []line{l(1, 100, 100), l(2, 200, 200)}, 150, []Money{100, 50}},
		{"a refund of everything", []line{l(1, 100, 100), l(2, 200, 50)}, 0, []Money{0, 0}},
		{"credit covers nothing more", []line{l(1, 100, 0)}, 250, []Money{100}},
		{"a voided record's money moves to the others", []line{l(2, 200, 0)}, 100, []Money{100}},
		{"a new charge takes the credit", []line{l(1, 100, 100), l(2, 80, 0)}, 150, []Money{100, 50}},
		{"no lines", nil, 100, []Money{}},
	} {
		got := settle(tc.lines, tc.paid)
		paid := make([]Money, len(got))
		for i, g := range got {
			paid[i] = g.paid
			if g.paid < 0 || g.paid > g.amount {
				t.Errorf("%s: line %d has %d paid of %d", tc.name, g.id, g.paid, g.amount)
			}
		}
		if !slices.Equal(paid, tc.want) {
			t.Errorf("%s: paid %v, want %v", tc.name, paid, tc.want)
		}
		if len(tc.lines) > 0 && &got[0] == &tc.lines[0] {
			t.Errorf("%s: settle changed its input", tc.name)
		}
	}
}
