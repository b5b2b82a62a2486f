-- The debtor scope's row-level security, as a restrictive policy.
--
-- 0022 gave every portal table two permissive policies: debtor_own (for fairdebt_debtor) and
-- not_debtor (for everyone, true unless current_user is fairdebt_debtor). PostgreSQL ORs permissive
-- policies, so the debtor's reads carried `current_user <> 'fairdebt_debtor' OR customer_id = …`:
-- no index serves that, and the account tables' `account_id IN (SELECT id FROM accounts)` became a
-- scan of every account for each row (measured: 39 ms per balance read on a million accounts).
--
-- Now: one permissive policy lets every role see every row (as before RLS was on), and debtor_own is
-- RESTRICTIVE for fairdebt_debtor only, so it is ANDed in for that role and for no other: the
-- debtor's reads are `customer_id = current_setting(…)`, which the customer_id indexes serve. The
-- role still has SELECT only (0022), and the restrictive policy also checks any row it would write.

DO $$
DECLARE
  by_customer text[] := ARRAY['accounts', 'contact_preferences', 'inbox_messages', 'contact_history',
    'contacts_outbox', 'complaints', 'disputes', 'concessions', 'assistant_sessions', 'assistant_handoffs',
    'letters', 'promises'];
  by_account text[] := ARRAY['account_state', 'entries', 'transactions', 'due_items', 'bucket_changes',
    'payment_assessments', 'collection_cases', 'evidence_exports'];
  t text;
  own text;
BEGIN
  FOREACH t IN ARRAY ARRAY['customers', 'agreements', 'assistant_messages'] || by_customer || by_account LOOP
    own := CASE
      WHEN t = 'customers' THEN $e$id = current_setting('fairdebt.customer_id', true)$e$
      WHEN t = 'agreements' THEN 'concession_id IN (SELECT id FROM concessions)'
      WHEN t = 'assistant_messages' THEN 'session_id IN (SELECT id FROM assistant_sessions)'
      WHEN t = ANY (by_account) THEN 'account_id IN (SELECT id FROM accounts)'
      ELSE $e$customer_id = current_setting('fairdebt.customer_id', true)$e$
    END;
    EXECUTE format('DROP POLICY IF EXISTS debtor_own ON %I', t);
    EXECUTE format('DROP POLICY IF EXISTS not_debtor ON %I', t);
    EXECUTE format('CREATE POLICY all_rows ON %I USING (true) WITH CHECK (true)', t);
    EXECUTE format('CREATE POLICY debtor_own ON %I AS RESTRICTIVE TO fairdebt_debtor USING (%s) WITH CHECK (%s)', t, own, own);
  END LOOP;
END
$$;
