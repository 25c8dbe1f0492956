// Package queuetest helps the tests of the clinical core (vitals, queue, consult): it
// registers patients and places staff in departments through the real services, sends
// requests from many goroutines at once, and counts the queries a service issues.
package queuetest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"

	"healthsynx/internal/apitest"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/auth"
	"healthsynx/internal/platform/db"
)

// Patient registers a patient through the patients API as registrar (a nurse or an
// administrator) and returns the patient's id.
func Patient(e *apitest.Env, registrar *apitest.Client, username string) int64 {
	e.T.Helper()
	res := registrar.Do("POST", "/patients/api/patients/", map[string]string{
		"username": username, "first_name": "Pat", "last_name": username})
	if res.Status != http.StatusCreated {
		e.T.Fatalf("register patient %s: %d %s", username, res.Status, res.Body)
	}
	return int64(res.JSON()["id"].(float64))
}

// PatientClient registers a patient, gives them apitest.Password and signs them in.
func PatientClient(e *apitest.Env, registrar *apitest.Client, username string) (int64, *apitest.Client) {
	e.T.Helper()
	id := Patient(e, registrar, username)
	res := registrar.Do("POST", fmt.Sprintf("/patients/api/patients/%d/set-password/", id), map[string]string{"password": apitest.Password})
	if res.Status != http.StatusOK {
		e.T.Fatalf("set password of %s: %d %s", username, res.Status, res.Body)
	}
	return id, e.Login(username, apitest.Password)
}

// Staff creates a staff account of the role in the department (0: none), signs it in,
// and returns its id and client.
func Staff(e *apitest.Env, role auth.Role, username string, departmentID int64) (int64, *apitest.Client) {
	e.T.Helper()
	id := e.User(role, username)
	if departmentID != 0 {
		_, err := e.App.Identity.UpdateAccount(context.Background(), identity.System, id, identity.AccountInput{Department: &departmentID})
		if err != nil {
			e.T.Fatalf("place %s in department %d: %v", username, departmentID, err)
		}
	}
	return id, e.Login(username, apitest.Password)
}

// Reserve serves e's application on a second server and returns an Env for it. A test
// that sets a service's fields (Biller, OnChange) does so first and then sends its
// requests here: this server's handlers start after the change, so they see it without
// a data race. Sign in again through the returned Env.
func Reserve(e *apitest.Env) *apitest.Env {
	srv := httptest.NewServer(e.App.Handler())
	e.T.Cleanup(srv.Close)
	return &apitest.Env{T: e.T, App: e.App, Server: srv, URL: srv.URL}
}

// Reply is the answer to a request sent with Send.
type Reply struct {
	Status int
	Body   []byte
	Err    error
}

// JSON decodes the body as an object (nil if it is not one).
func (r Reply) JSON() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(r.Body, &m)
	return m
}

// Send makes one request as the client: safe from any goroutine, it reports failures
// in the Reply instead of stopping the test.
func Send(e *apitest.Env, c *apitest.Client, method, path string, body any) Reply {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return Reply{Err: err}
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, e.URL+path, rd)
	if err != nil {
		return Reply{Err: err}
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return Reply{Err: err}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return Reply{Status: res.StatusCode, Body: b, Err: err}
}

// CountingDB counts the statements run through it (not those of transactions, which
// lists do not use). Give it to a service as its DB to see how many queries a call
// costs.
type CountingDB struct {
	*db.DB
	n atomic.Int64
}

// Count is the number of statements so far.
func (c *CountingDB) Count() int64 { return c.n.Load() }

func (c *CountingDB) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	c.n.Add(1)
	return c.DB.Exec(ctx, q, args...)
}

func (c *CountingDB) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.DB.Query(ctx, q, args...)
}

func (c *CountingDB) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	c.n.Add(1)
	return c.DB.QueryRow(ctx, q, args...)
}

func (c *CountingDB) InsertID(ctx context.Context, q string, args ...any) (int64, error) {
	c.n.Add(1)
	return c.DB.InsertID(ctx, q, args...)
}

// Queries runs fn and returns how many statements it ran through c.
func (c *CountingDB) Queries(fn func()) int64 {
	before := c.Count()
	fn()
	return c.Count() - before
}
