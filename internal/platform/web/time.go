package web

import "time"

// Time renders a datetime as the original API did (Python's isoformat in UTC with "Z"):
// microseconds when there are any, none otherwise.
func Time(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()/1000 == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000000Z")
}

// TimePtr renders an optional datetime; nil stays null.
func TimePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := Time(*t)
	return &s
}
