// Package migrations holds the schema, one numbered file per change, embedded in the
// binary. Each file is a template rendered per engine (see db.Migration).
package migrations

import (
	"embed"

	"healthsynx/internal/platform/db"
)

//go:embed *.sql
var files embed.FS

// All returns every migration in version order.
func All() ([]db.Migration, error) { return db.LoadMigrations(files) }
