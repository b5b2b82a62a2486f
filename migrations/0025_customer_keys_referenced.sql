-- The keys 0024 left single-column because other tables refer to them by id now end in customer_id
-- too, and so do those references (docs/operations.md, "Distribution by customer").
--
-- 1. The rows that hang off an account's row (a case's lock, a concession's agreement, a legal case's
--    events and evidence, a call's transcript, a message of an assistant session) gain customer_id,
--    filled from what they hang off.
-- 2. Every reference to one of the tables below is dropped, the table's primary key becomes
--    (its columns…, customer_id), and the reference is made again as (its columns…, customer_id).
-- 3. The unique indexes that are per case, per call, per session or per outbox row end in customer_id.
-- 4. The debtor's row-level security on agreements and assistant messages reads customer_id.
-- Values unique across the whole portfolio (account and payment refs, outbox references and verify
-- codes, task and notice references, letter references, export hashes) keep their single-column
-- keys: on a distributed database they move to directory tables (docs/operations.md).

ALTER TABLE case_locks ADD COLUMN customer_id text;
UPDATE case_locks l SET customer_id = c.customer_id FROM collection_cases c WHERE c.id = l.case_id;
ALTER TABLE case_locks ALTER COLUMN customer_id SET NOT NULL;

ALTER TABLE agreements ADD COLUMN customer_id text;
UPDATE agreements g SET customer_id = c.customer_id FROM concessions c WHERE c.id = g.concession_id;
ALTER TABLE agreements ALTER COLUMN customer_id SET NOT NULL;

ALTER TABLE legal_case_events ADD COLUMN customer_id text;
UPDATE legal_case_events e SET customer_id = c.customer_id FROM legal_cases c WHERE c.id = e.case_id;
ALTER TABLE legal_case_events ALTER COLUMN customer_id SET NOT NULL;

ALTER TABLE legal_evidence ADD COLUMN customer_id text;
UPDATE legal_evidence e SET customer_id = c.customer_id FROM legal_cases c WHERE c.id = e.case_id;
ALTER TABLE legal_evidence ALTER COLUMN customer_id SET NOT NULL;

ALTER TABLE call_transcripts ADD COLUMN customer_id text;
UPDATE call_transcripts t SET customer_id = coalesce(
  (SELECT r.customer_id FROM call_records r WHERE r.id = t.call_record_id),
  (SELECT o.customer_id FROM contacts_outbox o WHERE o.reference = t.contact_reference),
  (SELECT rc.customer_id FROM robot_calls rc WHERE rc.reference = t.contact_reference));
ALTER TABLE call_transcripts ALTER COLUMN customer_id SET NOT NULL;

ALTER TABLE assistant_messages ADD COLUMN customer_id text;
UPDATE assistant_messages m SET customer_id = s.customer_id FROM assistant_sessions s WHERE s.id = m.session_id;
ALTER TABLE assistant_messages ALTER COLUMN customer_id SET NOT NULL;

DO $$
DECLARE
  keyed text[] := ARRAY['transactions', 'collection_cases', 'contacts_outbox', 'contact_history', 'call_tasks',
    'call_records', 'concessions', 'legal_cases', 'bureau_reports', 'disputes', 'complaints', 'promises',
    'agency_placements', 'bureau_notices', 'bureau_disputes', 'case_assignments', 'legal_costs',
    'payment_assessments', 'case_locks', 'agreements', 'legal_case_events', 'legal_evidence', 'call_transcripts',
    'inbox_messages', 'assistant_sessions', 'assistant_messages', 'assistant_handoffs', 'purged_values'];
  t text;
  r record;
  pk record;
BEGIN
  CREATE TEMP TABLE customer_key_refs ON COMMIT DROP AS
    SELECT k.conrelid::regclass::text AS tbl, k.conname::text AS conname, k.confrelid::regclass::text AS ref,
           array(SELECT quote_ident(attname) FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                 JOIN pg_attribute ON attrelid = k.conrelid AND attnum = u.n ORDER BY i) AS cols,
           array(SELECT quote_ident(attname) FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
                 JOIN pg_attribute ON attrelid = k.confrelid AND attnum = u.n ORDER BY i) AS refcols
    FROM pg_constraint k
    WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace
      AND k.confrelid::regclass::text = ANY (keyed);
  FOR r IN SELECT * FROM customer_key_refs LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', r.tbl, r.conname);
  END LOOP;
  FOREACH t IN ARRAY keyed LOOP
    SELECT k.conname::text AS conname,
           array(SELECT quote_ident(attname) FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                 JOIN pg_attribute ON attrelid = k.conrelid AND attnum = u.n ORDER BY i) AS cols
      INTO pk FROM pg_constraint k WHERE k.conrelid = t::regclass AND k.contype = 'p';
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I, ADD PRIMARY KEY (%s, customer_id)', t, pk.conname, array_to_string(pk.cols, ', '));
  END LOOP;
  FOR r IN SELECT * FROM customer_key_refs LOOP
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (%s, customer_id) REFERENCES %I (%s, customer_id)',
      r.tbl, r.conname, array_to_string(r.cols, ', '), r.ref, array_to_string(r.refcols, ', '));
  END LOOP;
END
$$;

ALTER TABLE contact_history DROP CONSTRAINT contact_history_outbox_id_key, ADD CONSTRAINT contact_history_outbox_id_key UNIQUE (outbox_id, customer_id);
DROP INDEX case_assignments_one_active;
CREATE UNIQUE INDEX case_assignments_one_active ON case_assignments (case_id, customer_id) WHERE ended_on IS NULL;
DROP INDEX call_transcripts_call;
CREATE UNIQUE INDEX call_transcripts_call ON call_transcripts (call_record_id, customer_id) WHERE call_record_id IS NOT NULL;
DROP INDEX call_transcripts_contact;
CREATE UNIQUE INDEX call_transcripts_contact ON call_transcripts (contact_reference, customer_id) WHERE contact_reference IS NOT NULL;
ALTER TABLE assistant_handoffs DROP CONSTRAINT assistant_handoffs_session_id_key, ADD CONSTRAINT assistant_handoffs_session_id_key UNIQUE (session_id, customer_id);
ALTER TABLE assistant_messages DROP CONSTRAINT assistant_messages_session_id_seq_key, ADD CONSTRAINT assistant_messages_session_id_seq_key UNIQUE (session_id, seq, customer_id);

DO $$
DECLARE
  t text;
  own text := $e$customer_id = current_setting('fairdebt.customer_id', true)$e$;
BEGIN
  FOREACH t IN ARRAY ARRAY['agreements', 'assistant_messages'] LOOP
    EXECUTE format('DROP POLICY debtor_own ON %I', t);
    EXECUTE format('CREATE POLICY debtor_own ON %I AS RESTRICTIVE TO fairdebt_debtor USING (%s) WITH CHECK (%s)', t, own, own);
  END LOOP;
END
$$;
