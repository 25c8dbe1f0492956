package web

import (
	"net/url"
	"strconv"

	"healthsynx/internal/platform/errs"
)

// MsgInteger is the original's message for a value that is not an integer.
const MsgInteger = "A valid integer is required."

// QueryID reads the optional id q[name]: 0 when it is absent; when it is not a positive
// integer, 0 and a field error on f naming the parameter.
func QueryID(f errs.Fields, q url.Values, name string) int64 {
	s := q.Get(name)
	if s == "" {
		return 0
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		f.Add(name, MsgInteger)
		return 0
	}
	return id
}
