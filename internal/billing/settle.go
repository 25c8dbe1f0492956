package billing

// line is a live charge of an invoice as settlement sees it: its amount and how much of
// it the invoice's payments cover.
type line struct {
	id     int64
	amount Money
	paid   Money
}

// settle spreads what has been paid on an invoice over its live charges, oldest first,
// so that each charge's `paid` flag tells the truth. It moves as little as it can: money
// already placed on a charge stays there (a mark-paid settles the record it names), new
// money covers the oldest charges still open, and money taken back (a refund) leaves the
// newest charges first. What exceeds the charges is credit and covers nothing.
//
// lines are in the order the charges were made; the result has the same order.
func settle(lines []line, paid Money) []line {
	out := append([]line(nil), lines...)
	var total, placed Money
	for _, l := range out {
		total += l.amount
		placed += l.paid
	}
	target := min(max(paid, 0), total)
	switch {
	case placed < target:
		open := target - placed
		for i := range out {
			if open == 0 {
				break
			}
			add := min(out[i].amount-out[i].paid, open)
			out[i].paid += add
			open -= add
		}
	case placed > target:
		excess := placed - target
		for i := len(out) - 1; i >= 0 && excess > 0; i-- {
			take := min(out[i].paid, excess)
			out[i].paid -= take
			excess -= take
		}
	}
	return out
}
