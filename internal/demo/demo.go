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
	"os"
	"time"

	"healthsynx/internal/app"
	"healthsynx/internal/departments"
	"healthsynx/internal/identity"
	"healthsynx/internal/platform/auth"
)

//go:embed data/*.csv
var dataFS embed.FS

// Options choose what to load.
type Options struct {
	// Patients, when positive, generates a synthetic hospital of that many patients.
	Patients int
	// Seed chooses the synthetic hospital (see Synthetic).
	Seed uint64
}

// Load fills the database of a with demo data.
func Load(ctx context.Context, a *app.App, opts Options) error {
	depts, err := readCSV("departments.csv")
	if err != nil {
		return err
	}
	deptIDs := map[string]int64{}
	for _, d := range depts {
		id, err := departments.EnsureByName(ctx, a.DB, d["name"], d["description"])
		if err != nil {
			return fmt.Errorf("demo departments: %w", err)
		}
		deptIDs[d["name"]] = id
	}
	staff, err := loadStaff(ctx, a, deptIDs)
	if err != nil {
		return err
	}
	if err := loadPrices(ctx, a, deptIDs); err != nil {
		return err
	}
	pats, err := loadPatients(ctx, a)
	if err != nil {
		return err
	}
	slog.Info("demo data loaded", "departments", len(depts), "staff_added", staff, "patients_added", pats)
	if opts.Patients <= 0 {
		return nil
	}
	gen, err := Synthesize(ctx, a, Synthetic{Patients: opts.Patients, Seed: opts.Seed, Progress: os.Stderr})
	if err != nil {
		return err
	}
	slog.Info("synthetic hospital generated", "rows", gen.Rows, "seconds", gen.Elapsed.Round(time.Second).Seconds())
	return nil
}

// doctorProfiles gives the original's two doctors the profiles it never seeded.
var doctorProfiles = map[string]identity.DoctorProfile{
	"lilyjohns":  {Specialization: "General Medicine", LicenseNumber: "KMPDC-A1001", YearsOfExperience: 9},
	"paulajohns": {Specialization: "Paediatrics", LicenseNumber: "KMPDC-A1002", YearsOfExperience: 6},
}

// loadStaff imports the original's 15 staff users with their password hashes (all of
// them verify "TestPass123!" and are upgraded to argon2id at the first sign-in).
func loadStaff(ctx context.Context, a *app.App, deptIDs map[string]int64) (int, error) {
	rows, err := readCSV("staff.csv")
	if err != nil {
		return 0, err
	}
	added := 0
	for _, r := range rows {
		in := identity.Imported{Username: r["username"], Email: r["email"], FirstName: r["first_name"], LastName: r["last_name"],
			Phone: r["phone"], Gender: r["gender"], Role: auth.Role(r["role"]), DepartmentID: deptIDs[r["department"]],
			Superuser: r["is_superuser"] == "1", PasswordHash: r["password_hash"]}
		if p, ok := doctorProfiles[in.Username]; ok {
			in.Doctor = &p
		}
		ok, err := a.Identity.ImportAccount(ctx, in)
		if err != nil {
			return added, fmt.Errorf("demo staff %s: %w", in.Username, err)
		}
		if ok {
			added++
		}
	}
	return added, nil
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
