package queue

import "healthsynx/internal/vitals"

// Priority is the stored priority of an entry whose vitals carry risk r, for bulk
// loaders (the synthetic hospital of internal/demo) that write entries directly.
func Priority(r vitals.Risk, urgent bool) int { return priority(r, urgent) }
