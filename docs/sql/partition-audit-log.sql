-- Turns audit_log into a table partitioned by month of `at` (PostgreSQL 15 declarative partitioning),
-- keeping every entry, its seq and its hash: the chain verifies the same before and after
-- (test/scenarios/partitioned-audit.db.test.ts runs this file on both engines, then verifies and
-- appends). Run it in a maintenance window; it holds audit_head, so appends wait until it commits.
--
-- What the hash chain needs: seq stays the order of the chain and audit_head stays one row that every
-- append locks, so appends remain serial and the chain cannot fork across partitions. A partitioned
-- table's unique keys must include the partition key, hence PRIMARY KEY (seq, at) and UNIQUE (hash, at):
-- seq is still unique because audit_head hands it out, and `fairdebt audit verify` checks that seq
-- runs 1, 2, 3… without a gap or a repeat, and every hash against its predecessor.
--
-- New months: create each month's partition ahead of time (a monthly job, or pg_partman); anything
-- outside the created months lands in audit_log_default, which should stay empty. Old months can be
-- detached (ALTER TABLE audit_log DETACH PARTITION …) and archived; verification of the archive then
-- starts from the last hash of the month before it.
BEGIN;
LOCK TABLE audit_head IN EXCLUSIVE MODE;

ALTER TABLE audit_log RENAME TO audit_log_unpartitioned;
ALTER INDEX audit_log_pkey RENAME TO audit_log_unpartitioned_pkey;
ALTER INDEX audit_log_hash_key RENAME TO audit_log_unpartitioned_hash_key;
ALTER INDEX audit_log_subject RENAME TO audit_log_unpartitioned_subject;

CREATE TABLE audit_log (
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  type text NOT NULL,
  actor text NOT NULL,
  subject text NOT NULL,
  data jsonb,
  command_key text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (seq, at),
  UNIQUE (hash, at)
) PARTITION BY RANGE (at);
CREATE INDEX audit_log_seq ON audit_log (seq);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;

-- One partition per month from the first entry to three months after the newest (or after today).
DO $$
DECLARE
  m date;
  first_month date := date_trunc('month', coalesce((SELECT min(at) FROM audit_log_unpartitioned), now()) AT TIME ZONE 'UTC')::date;
  last_month date := (date_trunc('month', greatest(coalesce((SELECT max(at) FROM audit_log_unpartitioned), now()), now()) AT TIME ZONE 'UTC') + interval '3 months')::date;
BEGIN
  m := first_month;
  WHILE m <= last_month LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)',
                   'audit_log_' || to_char(m, 'YYYY_MM'), (m::timestamp AT TIME ZONE 'UTC'), ((m + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
    m := (m + interval '1 month')::date;
  END LOOP;
END $$;

INSERT INTO audit_log SELECT seq, at, type, actor, subject, data, command_key, prev_hash, hash FROM audit_log_unpartitioned;
DROP TABLE audit_log_unpartitioned;
COMMIT;
