-- The agency views (0015) join account rows by customer_id too, as every other statement does since
-- 0024, so that each join stays within one customer's rows on a distributed database. Same columns,
-- same rows; CREATE OR REPLACE keeps their grants.

CREATE OR REPLACE VIEW agency_accounts_v WITH (security_barrier) AS
SELECT a.id AS account_id, a.ref, a.customer_id, a.product_code, a.currency,
       p.id AS placement_id, p.agency_id, p.placed_on, p.recall_due_on,
       s.closed_through, coalesce(s.closed_through - s.delinquent_since, 0) AS dpd, s.bucket, s.overdue_minor,
       s.principal_minor, s.interest_minor, s.penalty_minor, s.fees_minor, s.credit_minor,
       s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor AS outstanding_minor
FROM agency_placements p
JOIN accounts a ON a.id = p.account_id AND a.customer_id = p.customer_id
JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
WHERE p.ended_on IS NULL AND p.agency_id = current_setting('fairdebt.agency_id', true);

CREATE OR REPLACE VIEW agency_customers_v WITH (security_barrier) AS
SELECT c.id AS customer_id, c.name,
       agency_mask_id(c.id_number_masked) AS id_number_masked, agency_region(c.address) AS region,
       c.phones, c.emails, c.time_zone, c.jurisdiction, c.language
FROM customers c
WHERE EXISTS (SELECT 1 FROM agency_placements p
              WHERE p.customer_id = c.id AND p.ended_on IS NULL AND p.agency_id = current_setting('fairdebt.agency_id', true));

CREATE OR REPLACE VIEW agency_contacts_v WITH (security_barrier) AS
SELECT h.id, h.account_id, h.at, h.channel, h.direction, h.recipient_role, h.outcome, h.initiator_kind,
       CASE WHEN h.initiator_kind = 'agency' AND h.initiator_id <> p.agency_id THEN 'other' ELSE h.initiator_id END AS initiator_id,
       CASE WHEN h.recipient_role = 'debtor' THEN h.contact_point END AS contact_point,
       CASE WHEN h.initiator_kind = 'agency' AND h.initiator_id = p.agency_id THEN h.collector_id END AS collector_id
FROM contact_history h
JOIN agency_placements p ON p.account_id = h.account_id AND p.customer_id = h.customer_id AND p.ended_on IS NULL
WHERE p.agency_id = current_setting('fairdebt.agency_id', true);

CREATE OR REPLACE VIEW agency_due_items_v WITH (security_barrier) AS
SELECT d.account_id, d.seq, d.kind, d.due_on, d.principal_due_minor, d.principal_paid_minor,
       d.interest_charged_minor, d.interest_paid_minor, d.penalty_charged_minor, d.penalty_paid_minor,
       d.fees_charged_minor, d.fees_paid_minor, d.settled_on
FROM due_items d
JOIN agency_placements p ON p.account_id = d.account_id AND p.customer_id = d.customer_id AND p.ended_on IS NULL
WHERE p.agency_id = current_setting('fairdebt.agency_id', true);
