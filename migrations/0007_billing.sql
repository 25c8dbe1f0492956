-- Billing (PRODUCT §3.10): the price list, invoices, charges and payments. Amounts are
-- integers in minor units (cents), exact on every engine. local_day is the hospital's
-- calendar day of created_at (YYYY-MM-DD in HEALTHSYNX_TIMEZONE), stored so that reports
-- group by day without time-zone arithmetic in SQL.

-- The price list, versioned: a new price of an item is a new row; the one in force at a
-- time is the latest that took effect by then. Charges copy the amount.
CREATE TABLE billing_prices (
	id {{pk}},
	kind VARCHAR(20) NOT NULL,
	code VARCHAR(64) NOT NULL,
	name VARCHAR(255) NOT NULL,
	amount BIGINT NOT NULL,
	effective_from {{ts}} NOT NULL,
	created_by BIGINT NULL REFERENCES users (id),
	created_at {{ts}} NOT NULL
) {{tableopts}};
CREATE UNIQUE INDEX billing_prices_version_key ON billing_prices (kind, code, effective_from);

-- An invoice gathers the charges of one visit (queue entry), or a patient's charges of
-- one day that belong to no visit. open_key ("visit:<id>" or "day:<patient>:<day>") is
-- unique while the invoice is open and NULL once it is void, so that concurrent charges
-- find one invoice. total and paid are kept under the invoice's row lock.
CREATE TABLE billing_invoices (
	id {{pk}},
	patient_id BIGINT NOT NULL REFERENCES users (id),
	queue_entry_id BIGINT NULL REFERENCES queue_entries (id),
	open_key VARCHAR(80) NULL,
	local_day CHAR(10) NOT NULL,
	status VARCHAR(20) NOT NULL,
	total BIGINT NOT NULL,
	paid BIGINT NOT NULL,
	issued_at {{ts}} NULL,
	voided_at {{ts}} NULL,
	voided_by BIGINT NULL REFERENCES users (id),
	void_reason VARCHAR(500) NOT NULL,
	created_at {{ts}} NOT NULL,
	updated_at {{ts}} NOT NULL
) {{tableopts}};
CREATE UNIQUE INDEX billing_invoices_open_key ON billing_invoices (open_key);
CREATE INDEX billing_invoices_created_idx ON billing_invoices (created_at, id);
CREATE INDEX billing_invoices_patient_idx ON billing_invoices (patient_id, created_at, id);
CREATE INDEX billing_invoices_status_idx ON billing_invoices (status, created_at, id);
CREATE INDEX billing_invoices_visit_idx ON billing_invoices (queue_entry_id);

-- Charges: the original's billing records. cause_key names the event that made an
-- automatic charge ("consultation:queue:42") and is unique, so an event charges once
-- however often it is reported; manual charges have none. A void charge keeps its row;
-- its reversal (state 'reversal', negative amount, reverses_id) cancels it, and
-- reverses_id is unique, so a charge is reversed once.
CREATE TABLE billing_charges (
	id {{pk}},
	invoice_id BIGINT NOT NULL REFERENCES billing_invoices (id),
	patient_id BIGINT NOT NULL REFERENCES users (id),
	queue_entry_id BIGINT NULL REFERENCES queue_entries (id),
	department_id BIGINT NULL REFERENCES departments (id) ON DELETE SET NULL,
	category VARCHAR(20) NOT NULL,
	description VARCHAR(255) NOT NULL,
	amount BIGINT NOT NULL,
	paid_amount BIGINT NOT NULL,
	state VARCHAR(10) NOT NULL,
	cause_key VARCHAR(100) NULL,
	price_id BIGINT NULL REFERENCES billing_prices (id),
	reverses_id BIGINT NULL REFERENCES billing_charges (id),
	reversal_id BIGINT NULL,
	voided_at {{ts}} NULL,
	voided_by BIGINT NULL REFERENCES users (id),
	void_reason VARCHAR(500) NOT NULL,
	created_by BIGINT NULL REFERENCES users (id),
	local_day CHAR(10) NOT NULL,
	created_at {{ts}} NOT NULL
) {{tableopts}};
CREATE UNIQUE INDEX billing_charges_cause_key ON billing_charges (cause_key);
CREATE UNIQUE INDEX billing_charges_reverses_key ON billing_charges (reverses_id);
CREATE INDEX billing_charges_created_idx ON billing_charges (created_at, id);
CREATE INDEX billing_charges_patient_idx ON billing_charges (patient_id, created_at, id);
CREATE INDEX billing_charges_state_idx ON billing_charges (state, created_at, id);
CREATE INDEX billing_charges_category_idx ON billing_charges (category, created_at, id);
CREATE INDEX billing_charges_invoice_idx ON billing_charges (invoice_id, id);
CREATE INDEX billing_charges_day_idx ON billing_charges (local_day, department_id);
CREATE INDEX billing_charges_visit_idx ON billing_charges (queue_entry_id);

-- Money received (kind 'payment') or given back ('refund'), each its own entry with its
-- own receipt number. reference_key is a mobile-money transaction reference, normalised;
-- unique, so one transaction is never recorded twice.
CREATE TABLE billing_payments (
	id {{pk}},
	invoice_id BIGINT NOT NULL REFERENCES billing_invoices (id),
	patient_id BIGINT NOT NULL REFERENCES users (id),
	kind VARCHAR(10) NOT NULL,
	method VARCHAR(20) NOT NULL,
	amount BIGINT NOT NULL,
	reference VARCHAR(64) NOT NULL,
	reference_key VARCHAR(80) NULL,
	insurer VARCHAR(100) NOT NULL,
	member_number VARCHAR(50) NOT NULL,
	charge_id BIGINT NULL REFERENCES billing_charges (id),
	reason VARCHAR(500) NOT NULL,
	received_by BIGINT NULL REFERENCES users (id),
	local_day CHAR(10) NOT NULL,
	created_at {{ts}} NOT NULL
) {{tableopts}};
CREATE UNIQUE INDEX billing_payments_reference_key ON billing_payments (reference_key);
CREATE INDEX billing_payments_created_idx ON billing_payments (created_at, id);
CREATE INDEX billing_payments_invoice_idx ON billing_payments (invoice_id, id);
CREATE INDEX billing_payments_patient_idx ON billing_payments (patient_id, created_at, id);
CREATE INDEX billing_payments_day_idx ON billing_payments (local_day, kind);
