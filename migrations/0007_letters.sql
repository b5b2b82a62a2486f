-- Letters (C4): every PDF letter the letter provider produced, kept as sent so that it can be shown to
-- the debtor, an agency or a court exactly as it went out. The sha256 of the bytes is stored with them:
-- rendering is deterministic, so the same input gives the same hash again.
--
-- reference is the outbox reference carried to the provider: sending the same reference twice stores
-- one letter. It is not a foreign key to contacts_outbox, because a letter may also be produced outside
-- the planned outbox (a copy requested by the debtor, a letter before action prepared by staff).
CREATE TABLE letters (
  reference text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  account_id bigint NOT NULL REFERENCES accounts (id),
  language text NOT NULL CHECK (language IN ('zh-CN', 'en')),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  pdf bytea NOT NULL,
  bytes int NOT NULL CHECK (bytes = octet_length(pdf)),
  created_at timestamptz NOT NULL
);
CREATE INDEX letters_customer ON letters (customer_id, created_at);
