-- Every row that belongs to an account carries the account's customer: the key a distributed
-- PostgreSQL (Citus) shards by, so that everything the daily cycle, the portal and a collector touch
-- for one customer lives on one shard (docs/operations.md, "Distribution by customer").
--
-- 1. The tables below that lacked customer_id gain it, filled from their account, NOT NULL, and the
--    key of accounts becomes (id, customer_id).
-- 2. A reference to an account becomes (account_id, customer_id) → accounts (id, customer_id), which
--    also proves that a row's customer is its account's. entries and contacts_outbox keep having no
--    reference at all (written in bulk by the cycle and the planner: see their migrations).
-- 3. The keys of the tables nothing refers to, and the per-account unique indexes, end in customer_id.
--    It goes last, so the leading columns stay those the cycle's batches (account_id ranges) and the
--    lookups use. (The tables other tables refer to by id keep their single-column keys until those
--    references are composite too.)
-- 4. The debtor's row-level security on the account tables reads customer_id like every other table,
--    instead of looking the account up.

DO $$
DECLARE
  added text[] := ARRAY['account_scores', 'account_state', 'agency_placements', 'bucket_changes',
    'bureau_month_ends', 'call_records', 'case_assignments', 'case_recommendations', 'collection_cases',
    'due_items', 'entries', 'evidence_exports', 'legal_costs', 'payment_assessments', 'transactions'];
  referencing text[] := added || ARRAY['bureau_disputes', 'bureau_notices', 'bureau_reports', 'call_tasks',
    'complaints', 'concessions', 'contact_history', 'disputes', 'legal_cases', 'letters', 'promises'];
  t text;
  fk text;
BEGIN
  FOREACH t IN ARRAY added LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN customer_id text', t);
    EXECUTE format('UPDATE %I x SET customer_id = a.customer_id FROM accounts a WHERE a.id = x.account_id', t);
    EXECUTE format('ALTER TABLE %I ALTER COLUMN customer_id SET NOT NULL', t);
  END LOOP;
  FOREACH t IN ARRAY referencing LOOP
    FOR fk IN SELECT conname FROM pg_constraint
              WHERE conrelid = t::regclass AND contype = 'f' AND confrelid = 'accounts'::regclass LOOP
      EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t, fk);
    END LOOP;
  END LOOP;
  ALTER TABLE accounts DROP CONSTRAINT accounts_pkey, ADD PRIMARY KEY (id, customer_id);
  FOREACH t IN ARRAY referencing LOOP
    IF t = 'entries' THEN CONTINUE; END IF;
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (account_id, customer_id) REFERENCES accounts (id, customer_id)',
      t, t || '_account_fkey');
  END LOOP;
END
$$;

ALTER TABLE due_items DROP CONSTRAINT due_items_pkey, ADD PRIMARY KEY (account_id, seq, customer_id);
ALTER TABLE entries DROP CONSTRAINT entries_pkey, ADD PRIMARY KEY (id, customer_id);
ALTER TABLE account_state DROP CONSTRAINT account_state_pkey, ADD PRIMARY KEY (account_id, customer_id);
ALTER TABLE bucket_changes DROP CONSTRAINT bucket_changes_pkey, ADD PRIMARY KEY (account_id, on_date, customer_id);
ALTER TABLE account_scores DROP CONSTRAINT account_scores_pkey, ADD PRIMARY KEY (account_id, customer_id);
ALTER TABLE bureau_month_ends DROP CONSTRAINT bureau_month_ends_pkey, ADD PRIMARY KEY (account_id, period_end, customer_id);
ALTER TABLE case_recommendations DROP CONSTRAINT case_recommendations_pkey, ADD PRIMARY KEY (account_id, kind, business_date, customer_id);

DROP INDEX entries_reversed_once;
CREATE UNIQUE INDEX entries_reversed_once ON entries (reverses_id, customer_id) WHERE reverses_id IS NOT NULL;
DROP INDEX collection_cases_one_open;
CREATE UNIQUE INDEX collection_cases_one_open ON collection_cases (account_id, customer_id) WHERE status = 'open';
DROP INDEX agency_placements_one_active;
CREATE UNIQUE INDEX agency_placements_one_active ON agency_placements (account_id, customer_id) WHERE ended_on IS NULL;
DROP INDEX bureau_notices_one_pending;
CREATE UNIQUE INDEX bureau_notices_one_pending ON bureau_notices (account_id, customer_id) WHERE status = 'pending';
DROP INDEX legal_cases_one_open;
CREATE UNIQUE INDEX legal_cases_one_open ON legal_cases (account_id, customer_id) WHERE status NOT IN ('rejected', 'closed');

DO $$
DECLARE
  t text;
  own text := $e$customer_id = current_setting('fairdebt.customer_id', true)$e$;
BEGIN
  FOREACH t IN ARRAY ARRAY['account_state', 'entries', 'transactions', 'due_items', 'bucket_changes',
    'payment_assessments', 'collection_cases', 'evidence_exports'] LOOP
    EXECUTE format('DROP POLICY debtor_own ON %I', t);
    EXECUTE format('CREATE POLICY debtor_own ON %I AS RESTRICTIVE TO fairdebt_debtor USING (%s) WITH CHECK (%s)', t, own, own);
  END LOOP;
END
$$;
