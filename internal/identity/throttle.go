package identity

import (
	"context"
	"math"
	"time"

	"healthsynx/internal/platform/db"
)

// Throttle rules. Per account: the third failure in a window costs a one-second wait,
// each further one doubles it, and the tenth locks the account for the lock time. Per
// client address the same, with more room, since a ward may share one address.
type throttleRule struct {
	prefix     string
	slowAfter  int // failures before waits begin
	lockAfter  int // failures that lock
	window     time.Duration
	lockFor    time.Duration
	maxBackoff time.Duration
}

var (
	accountRule = throttleRule{prefix: "user:", slowAfter: 3, lockAfter: 10, window: 15 * time.Minute, lockFor: 15 * time.Minute, maxBackoff: 5 * time.Minute}
	addressRule = throttleRule{prefix: "ip:", slowAfter: 20, lockAfter: 60, window: 15 * time.Minute, lockFor: 15 * time.Minute, maxBackoff: 5 * time.Minute}
)

// lockedFor reports how long the key must still wait (0: may try now).
func lockedFor(ctx context.Context, q db.Querier, key string, now time.Time) (time.Duration, error) {
	var until *time.Time
	err := q.QueryRow(ctx, "SELECT locked_until FROM login_throttle WHERE throttle_key = ?", key).Scan(&until)
	if db.IsNoRows(err) || until == nil {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if d := until.Sub(now); d > 0 {
		return d, nil
	}
	return 0, nil
}

// wait is the lock after n failures in the window.
func (r throttleRule) wait(n int) time.Duration {
	switch {
	case n >= r.lockAfter:
		return r.lockFor
	case n >= r.slowAfter:
		d := time.Duration(math.Pow(2, float64(n-r.slowAfter))) * time.Second
		return min(d, r.maxBackoff)
	}
	return 0
}

// recordFailure counts a failed sign-in for key and sets its lock.
func recordFailure(ctx context.Context, q db.Querier, r throttleRule, key string, now time.Time) error {
	key = r.prefix + key
	if len(key) > 200 {
		key = key[:200]
	}
	var failures int
	var start time.Time
	err := q.QueryRow(ctx, "SELECT failures, window_start FROM login_throttle WHERE throttle_key = ?"+db.ForUpdate(q), key).Scan(&failures, &start)
	switch {
	case db.IsNoRows(err):
		failures, start = 0, now
		if _, err := q.Exec(ctx, "INSERT INTO login_throttle (throttle_key, failures, window_start) VALUES (?, 0, ?)", key, now); err != nil {
			if !db.IsUniqueViolation(err) {
				return err
			}
			// another instance inserted it first: count on its row
			return recordFailure(ctx, q, r, key[len(r.prefix):], now)
		}
	case err != nil:
		return err
	case now.Sub(start) > r.window:
		failures, start = 0, now
	}
	failures++
	var until any
	if w := r.wait(failures); w > 0 {
		until = now.Add(w)
	}
	_, err = q.Exec(ctx, "UPDATE login_throttle SET failures = ?, window_start = ?, locked_until = ? WHERE throttle_key = ?", failures, start, until, key)
	return err
}

// clearFailures forgets an account's failures after a successful sign-in.
func clearFailures(ctx context.Context, q db.Querier, r throttleRule, key string) error {
	_, err := q.Exec(ctx, "DELETE FROM login_throttle WHERE throttle_key = ?", r.prefix+key)
	return err
}
