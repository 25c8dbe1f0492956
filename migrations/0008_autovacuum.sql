-- PostgreSQL only: vacuum the tables whose few recent rows change all day often enough,
-- whatever their size.
--
-- A queue entry is updated at every step of a visit (waiting, with the doctor, seen out)
-- and an invoice at every payment. Each update leaves a dead row version, and its index
-- entries, behind. With the default settings autovacuum waits for dead rows to reach 20 %
-- of the table: at a million patients, 250,000 for queue_entries, which a hospital's few
-- thousand visits a day take weeks to reach. Meanwhile every read of the open queue
-- scans the dead entries of its indexes too (measured: the doctor's queue count went
-- from 0.16 ms to 13.4 ms after 20,000 visits; docs/PERFORMANCE.md). With a fixed
-- threshold instead, these tables are vacuumed after every 5,000 dead rows, about daily.
-- SQLite and MySQL (InnoDB purge) clean up old row versions by themselves.
{{if .Postgres}}
ALTER TABLE queue_entries SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
	autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);
ALTER TABLE billing_invoices SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
	autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);
{{end}}
