package demo

import (
	"math"
	"math/rand/v2"
	"time"
)

// dice is a random source with the few kinds of draw the generator makes.
type dice struct {
	*rand.Rand
	src *rand.PCG
}

func newDice() dice {
	src := rand.NewPCG(0, 0)
	return dice{Rand: rand.New(src), src: src}
}

// reset starts the stream of one patient: the same seed, salt, patient and stream
// always give the same draws, whatever the batch or the engine.
func (d dice) reset(seed, salt uint64, patient int, stream uint64) {
	d.src.Seed(seed, salt*0x9E3779B97F4A7C15^(uint64(patient)<<2|stream))
}

// chance is true pct times in a hundred.
func (d dice) chance(pct int) bool { return d.IntN(100) < pct }

// between is a whole number in [lo, hi].
func (d dice) between(lo, hi int) int { return lo + d.IntN(hi-lo+1) }

// normal is a whole number around mean with standard deviation sd.
func (d dice) normal(mean, sd float64) int { return int(math.Round(mean + sd*d.NormFloat64())) }

// minutes is a duration of lo to hi minutes, to the second.
func (d dice) minutes(lo, hi int) time.Duration {
	return time.Duration(lo)*time.Minute + time.Duration(d.Int64N(int64(hi-lo)*60+1))*time.Second
}

// pick is one of the strings.
func (d dice) pick(s []string) string { return s[d.IntN(len(s))] }

// clamp keeps v within [lo, hi].
func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }
