-- Departments of the hospital (E-20..E-24).
CREATE TABLE departments (
	id {{pk}},
	name VARCHAR(100) NOT NULL {{nocase}},
	description {{text}} NOT NULL,
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
) {{tableopts}};
CREATE UNIQUE INDEX departments_name_key ON departments {{if .Postgres}}(LOWER(name)){{else}}(name){{end}};
