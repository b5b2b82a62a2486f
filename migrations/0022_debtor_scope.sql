-- The debtors' scope. What a debtor reads in the portal runs inside a read-only transaction that has
-- switched to the role fairdebt_debtor and set fairdebt.customer_id to the signed-in customer (see
-- src/platform/debtor-scope.ts). The role may read only the tables listed here, and row-level
-- security lets it see only the rows of that customer: a query that forgets its filter, or is given
-- another customer's id, finds nothing. Staff, agencies and the application's own work are not
-- affected: every table below also has a policy that lets any other role see every row, and the
-- tables' owner bypasses row-level security anyway.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fairdebt_debtor') THEN
    CREATE ROLE fairdebt_debtor NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;

DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'fairdebt_debtor', 'MEMBER') THEN
    EXECUTE format('GRANT fairdebt_debtor TO %I', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'grant fairdebt_debtor to % by hand: portal reads need it', current_user;
END
$$;

DO $$
DECLARE
  -- Reference data, the same for everyone: readable as a whole.
  shared_tables text[] := ARRAY['products', 'buckets', 'settings', 'negotiation_policies'];
  -- The customer's own rows, by customer_id.
  by_customer text[] := ARRAY['accounts', 'contact_preferences', 'inbox_messages', 'contact_history',
    'contacts_outbox', 'complaints', 'disputes', 'concessions', 'assistant_sessions', 'assistant_handoffs',
    'letters', 'promises'];
  -- The rows of the customer's accounts, by account_id.
  by_account text[] := ARRAY['account_state', 'entries', 'transactions', 'due_items', 'bucket_changes',
    'payment_assessments', 'collection_cases', 'evidence_exports'];
  t text;
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO fairdebt_debtor', current_schema());
  FOREACH t IN ARRAY shared_tables LOOP
    EXECUTE format('GRANT SELECT ON %I TO fairdebt_debtor', t);
  END LOOP;

  EXECUTE 'GRANT SELECT ON customers TO fairdebt_debtor';
  EXECUTE 'ALTER TABLE customers ENABLE ROW LEVEL SECURITY';
  EXECUTE $p$CREATE POLICY debtor_own ON customers FOR SELECT TO fairdebt_debtor
    USING (id = current_setting('fairdebt.customer_id', true))$p$;

  FOREACH t IN ARRAY by_customer LOOP
    EXECUTE format('GRANT SELECT ON %I TO fairdebt_debtor', t);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY debtor_own ON %I FOR SELECT TO fairdebt_debtor
      USING (customer_id = current_setting('fairdebt.customer_id', true))$p$, t);
  END LOOP;

  FOREACH t IN ARRAY by_account LOOP
    EXECUTE format('GRANT SELECT ON %I TO fairdebt_debtor', t);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    -- accounts is itself filtered for the debtor, so this is the customer's own accounts.
    EXECUTE format($p$CREATE POLICY debtor_own ON %I FOR SELECT TO fairdebt_debtor
      USING (account_id IN (SELECT id FROM accounts))$p$, t);
  END LOOP;

  -- Rows that hang off another of the customer's rows.
  EXECUTE 'GRANT SELECT ON agreements, assistant_messages TO fairdebt_debtor';
  EXECUTE 'ALTER TABLE agreements ENABLE ROW LEVEL SECURITY';
  EXECUTE $p$CREATE POLICY debtor_own ON agreements FOR SELECT TO fairdebt_debtor
    USING (concession_id IN (SELECT id FROM concessions))$p$;
  EXECUTE 'ALTER TABLE assistant_messages ENABLE ROW LEVEL SECURITY';
  EXECUTE $p$CREATE POLICY debtor_own ON assistant_messages FOR SELECT TO fairdebt_debtor
    USING (session_id IN (SELECT id FROM assistant_sessions))$p$;

  -- Everyone else (the application's user when it does not own the tables, the agency role through
  -- nothing but its views) sees every row, as before.
  FOREACH t IN ARRAY ARRAY['customers', 'agreements', 'assistant_messages'] || by_customer || by_account LOOP
    EXECUTE format($p$CREATE POLICY not_debtor ON %I
      USING (current_user <> 'fairdebt_debtor') WITH CHECK (current_user <> 'fairdebt_debtor')$p$, t);
  END LOOP;
END
$$;
