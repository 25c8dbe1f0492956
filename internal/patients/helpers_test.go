package patients_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"healthsynx/internal/apitest"
	"healthsynx/internal/platform/auth"
)

// desk is a nurse at the registration desk, with the app she works in.
type desk struct {
	t     *testing.T
	e     *apitest.Env
	nurse *apitest.Client
}

func newDesk(t *testing.T, e *apitest.Env) *desk {
	return &desk{t: t, e: e, nurse: e.As(auth.RoleNurse, "nurse.wanjiru")}
}

// register registers a patient through E-28 and returns the representation.
func (d *desk) register(body map[string]any) map[string]any {
	d.t.Helper()
	res := d.nurse.Do("POST", "/patients/api/patients/", body)
	if res.Status != http.StatusCreated {
		d.t.Fatalf("register %v: %d %s", body, res.Status, res.Body)
	}
	return res.JSON()
}

// patient registers a patient by name and phone and returns its id.
func (d *desk) patient(first, last, phone string) int64 {
	d.t.Helper()
	return id(d.register(map[string]any{"first_name": first, "last_name": last, "phone": phone}))
}

func id(m map[string]any) int64 { return int64(m["id"].(float64)) }

// fieldErrors are the field errors of a 400 body.
func fieldErrors(t *testing.T, res apitest.Response) map[string][]any {
	t.Helper()
	if res.Status != http.StatusBadRequest {
		t.Fatalf("status %d, want 400: %s", res.Status, res.Body)
	}
	out := map[string][]any{}
	for k, v := range res.JSON() {
		list, ok := v.([]any)
		if !ok {
			t.Fatalf("%s is not a list of messages: %s", k, res.Body)
		}
		out[k] = list
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func sprintf(format string, id int64) string { return fmt.Sprintf(format, id) }
