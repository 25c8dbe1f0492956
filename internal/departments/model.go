// Package departments manages the hospital's departments (E-20..E-24).
package departments

import (
	"time"

	"healthsynx/internal/platform/errs"
	"healthsynx/internal/platform/valid"
)

// Department is a unit of the hospital that staff belong to.
type Department struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"-"`
	UpdatedAt   time.Time `json:"-"`
}

// Listed is a department in the list of the pages, with its member count: the active
// staff who belong to it.
type Listed struct {
	Department
	Members int
}

// Input is the writable part of a department; nil fields were absent from the request.
type Input struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
}

const nameMax = 100

// apply validates in and applies it to d. partial allows absent fields (PATCH).
func (in Input) apply(d *Department, partial bool) error {
	f := errs.Fields{}
	if in.Name != nil || !partial {
		d.Name = valid.RequiredString(f, "name", in.Name, nameMax)
	}
	if in.Description != nil {
		d.Description = valid.OptionalString(f, "description", in.Description, 0)
	} else if !partial {
		d.Description = ""
	}
	return f.Err()
}

// MsgInUse refuses to delete a department that clinical records refer to (queue
// entries): their history must keep naming it.
const MsgInUse = "This department has patient visits on record and cannot be deleted."

// MsgDuplicateName is the original's uniqueness message.
const MsgDuplicateName = "department with this name already exists."
