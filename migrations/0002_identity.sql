-- Accounts, staff profiles, API token families and web sessions.
CREATE TABLE users (
	id {{pk}},
	username VARCHAR(150) NOT NULL {{nocase}},
	password VARCHAR(255) NOT NULL,
	email VARCHAR(254) NOT NULL,
	-- email_key is the lower-cased email, NULL when there is none: unique when present.
	email_key VARCHAR(254) NULL,
	first_name VARCHAR(150) NOT NULL,
	last_name VARCHAR(150) NOT NULL,
	phone VARCHAR(20) NOT NULL,
	gender VARCHAR(20) NOT NULL,
	role VARCHAR(20) NOT NULL,
	department_id BIGINT NULL REFERENCES departments (id) ON DELETE SET NULL,
	is_superuser {{bool}} NOT NULL,
	is_active {{bool}} NOT NULL,
	date_joined {{ts}} NOT NULL,
	last_login {{ts}} NULL,
	password_changed_at {{ts}} NULL,
	updated_at {{ts}} NOT NULL
) {{tableopts}};
CREATE UNIQUE INDEX users_username_key ON users {{if .Postgres}}(LOWER(username)){{else}}(username){{end}};
CREATE UNIQUE INDEX users_email_key ON users (email_key);
CREATE INDEX users_role_idx ON users (role, id);
CREATE INDEX users_department_idx ON users (department_id, role);

CREATE TABLE doctor_profiles (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	specialization VARCHAR(100) NOT NULL,
	license_number VARCHAR(50) NOT NULL,
	years_of_experience INTEGER NOT NULL
) {{tableopts}};
CREATE UNIQUE INDEX doctor_profiles_user_key ON doctor_profiles (user_id);
CREATE UNIQUE INDEX doctor_profiles_license_key ON doctor_profiles (license_number);

CREATE TABLE nurse_profiles (
	id {{pk}},
	user_id BIGINT NOT NULL REFERENCES users (id),
	specialization VARCHAR(100) NOT NULL,
	license_number VARCHAR(50) NOT NULL
) {{tableopts}};
CREATE UNIQUE INDEX nurse_profiles_user_key ON nurse_profiles (user_id);

-- A token family is one sign-in through the API: every refresh token rotated from it
-- shares it, and revoking it ends them all (and the access tokens that name it).
CREATE TABLE token_families (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users (id),
	created_at {{ts}} NOT NULL,
	revoked_at {{ts}} NULL,
	revoked_reason VARCHAR(50) NOT NULL
) {{tableopts}};
CREATE INDEX token_families_user_idx ON token_families (user_id);

CREATE TABLE refresh_tokens (
	jti VARCHAR(64) NOT NULL PRIMARY KEY,
	family_id VARCHAR(64) NOT NULL REFERENCES token_families (id),
	user_id BIGINT NOT NULL REFERENCES users (id),
	issued_at {{ts}} NOT NULL,
	expires_at {{ts}} NOT NULL,
	used_at {{ts}} NULL
) {{tableopts}};
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- Web sessions: id is the SHA-256 of the cookie value, so a database leak gives no
-- usable cookie.
CREATE TABLE sessions (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users (id),
	csrf_token VARCHAR(64) NOT NULL,
	created_at {{ts}} NOT NULL,
	last_seen_at {{ts}} NOT NULL,
	expires_at {{ts}} NOT NULL,
	client_ip VARCHAR(64) NOT NULL,
	user_agent VARCHAR(255) NOT NULL
) {{tableopts}};
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Failed sign-ins per account and per client address, shared by every instance.
CREATE TABLE login_throttle (
	throttle_key VARCHAR(200) NOT NULL PRIMARY KEY,
	failures INTEGER NOT NULL,
	window_start {{ts}} NOT NULL,
	locked_until {{ts}} NULL
) {{tableopts}};
