-- The planning step writes the outbox in bulk (about one row per candidate account a day) from
-- accounts and customers it has just read in the same transaction, and neither is ever deleted.
-- The foreign keys cost a lookup and a row lock on the account and on the customer per contact,
-- which was the largest single part of the insert; like `entries`, the outbox goes without them.
ALTER TABLE contacts_outbox DROP CONSTRAINT contacts_outbox_account_id_fkey;
ALTER TABLE contacts_outbox DROP CONSTRAINT contacts_outbox_customer_id_fkey;

-- `reference` is derived from the plan key (customer, business date, channel) by a hash and is
-- unique: the plan key's own unique index made the same promise a second time on every insert.
ALTER TABLE contacts_outbox DROP COLUMN plan_key;

-- Planning asks, per candidate, whether the validation notice (US Reg F) went out: only the rows
-- that answer yes are indexed, so the probe does not read the account's whole contact history.
CREATE INDEX contacts_outbox_validation_sent ON contacts_outbox (account_id)
  WHERE template_code = 'validation_notice' AND status IN ('sent', 'delivered');
