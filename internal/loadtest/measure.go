package loadtest

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// errExhausted ends a phase early: there is nothing left to act on (no patient left
// to call, no called patient left to see).
var errExhausted = errors.New("nothing left to act on")

// result is what one phase measured.
type result struct {
	latencies []time.Duration // of the successful calls
	errors    int
	firstErr  error
	elapsed   time.Duration
}

// phase runs call from workers goroutines (numbered from 0) until the time or the
// number of calls is up, and times each call.
func phase(ctx context.Context, workers int, limit time.Duration, maxCalls int, seed uint64,
	call func(ctx context.Context, worker int, r *rand.Rand) error) result {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	var (
		mu    sync.Mutex
		res   result
		calls int
		wg    sync.WaitGroup
	)
	take := func() bool {
		mu.Lock()
		defer mu.Unlock()
		calls++
		return calls <= maxCalls
	}
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, uint64(w)))
			var mine []time.Duration
			for ctx.Err() == nil && take() {
				t := time.Now()
				err := call(ctx, w, r)
				took := time.Since(t)
				if errors.Is(err, errExhausted) {
					cancel()
					break
				}
				if ctx.Err() != nil { // cut off by the end of the phase: not a result
					break
				}
				if err != nil {
					mu.Lock()
					res.errors++
					if res.firstErr == nil {
						res.firstErr = err
					}
					mu.Unlock()
					continue
				}
				mine = append(mine, took)
			}
			mu.Lock()
			res.latencies = append(res.latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	slices.Sort(res.latencies)
	return res
}

// percentile is the p-th percentile (0–100) of the sorted latencies, by the nearest
// rank; 0 when there are none.
func (r result) percentile(p float64) time.Duration {
	n := len(r.latencies)
	if n == 0 {
		return 0
	}
	rank := int(p/100*float64(n)+0.999999) - 1
	return r.latencies[min(max(rank, 0), n-1)]
}

// rate is the successful calls per second.
func (r result) rate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(len(r.latencies)) / r.elapsed.Seconds()
}
