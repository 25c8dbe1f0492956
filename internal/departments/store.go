package departments

import (
	"context"

	"healthsynx/internal/platform/db"
)

const columns = "id, name, description, created_at, updated_at"

func scan(row interface{ Scan(...any) error }) (Department, error) {
	var d Department
	err := row.Scan(&d.ID, &d.Name, &d.Description, &d.CreatedAt, &d.UpdatedAt)
	return d, err
}

func get(ctx context.Context, q db.Querier, id int64) (Department, error) {
	return scan(q.QueryRow(ctx, "SELECT "+columns+" FROM departments WHERE id = ?", id))
}

func count(ctx context.Context, q db.Querier) (int, error) {
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM departments").Scan(&n)
	return n, err
}

// list returns a page ordered by name, as the original API ordered it.
func list(ctx context.Context, q db.Querier, limit, offset int) ([]Department, error) {
	return db.Collect(scan)(q.Query(ctx, "SELECT "+columns+" FROM departments ORDER BY name, id LIMIT ? OFFSET ?", limit, offset))
}

func insert(ctx context.Context, q db.Querier, d *Department) error {
	now := db.Now()
	d.CreatedAt, d.UpdatedAt = now, now
	id, err := q.InsertID(ctx, "INSERT INTO departments (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)", d.Name, d.Description, now, now)
	d.ID = id
	return err
}

func update(ctx context.Context, q db.Querier, d *Department) error {
	d.UpdatedAt = db.Now()
	_, err := q.Exec(ctx, "UPDATE departments SET name = ?, description = ?, updated_at = ? WHERE id = ?", d.Name, d.Description, d.UpdatedAt, d.ID)
	return err
}

func remove(ctx context.Context, q db.Querier, id int64) error {
	_, err := q.Exec(ctx, "DELETE FROM departments WHERE id = ?", id)
	return err
}

// EnsureByName inserts a department unless one of that name exists (demo data).
func EnsureByName(ctx context.Context, q db.Querier, name, description string) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, "SELECT id FROM departments WHERE name = ?", name).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !db.IsNoRows(err) {
		return 0, err
	}
	d := Department{Name: name, Description: description}
	if err := insert(ctx, q, &d); err != nil {
		return 0, err
	}
	return d.ID, nil
}

// listWithMembers is list with each department's member count: its active staff.
// One query for the page: the counts come from a LEFT JOIN and GROUP BY on the
// users (department_id, role) index, not a query per row.
func listWithMembers(ctx context.Context, q db.Querier, limit, offset int) ([]Listed, error) {
	rows, err := q.Query(ctx, `SELECT d.id, d.name, d.description, d.created_at, d.updated_at, COUNT(u.id)
		FROM departments d LEFT JOIN users u ON u.department_id = d.id AND u.is_active = ? AND u.role <> 'patient'
		GROUP BY d.id, d.name, d.description, d.created_at, d.updated_at
		ORDER BY d.name, d.id LIMIT ? OFFSET ?`, true, limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Listed
	for rows.Next() {
		var l Listed
		if err := rows.Scan(&l.ID, &l.Name, &l.Description, &l.CreatedAt, &l.UpdatedAt, &l.Members); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// members counts the active staff of one department.
func members(ctx context.Context, q db.Querier, id int64) (int, error) {
	var n int
	err := q.QueryRow(ctx, "SELECT COUNT(*) FROM users WHERE department_id = ? AND is_active = ? AND role <> 'patient'", id, true).Scan(&n)
	return n, err
}
