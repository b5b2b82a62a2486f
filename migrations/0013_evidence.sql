-- Evidence (C9): bundles exported per account, retention policies per jurisdiction, and what the
-- retention purge removed (only hashes of it: evidence exported earlier can still be matched).

-- Every evidence bundle exported: its sha256 (the zip's bytes) and its manifest's, the audit head it
-- was cut at, and who asked. The same is in the audit log (EVIDENCE_EXPORTED); this table finds a
-- bundle by hash without reading the log.
CREATE TABLE evidence_exports (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  manifest_sha256 text NOT NULL CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
  account_id bigint NOT NULL REFERENCES accounts (id),
  audit_head_seq bigint NOT NULL,
  items int NOT NULL,
  bytes int NOT NULL,
  actor text NOT NULL,
  generated_at timestamptz NOT NULL
);
CREATE INDEX evidence_exports_account ON evidence_exports (account_id, generated_at);

-- How long records are kept, per jurisdiction and kind of record. Admins edit the rows; `source` names
-- the rule (or says it is company policy) and `starts_from` what the period counts from:
--   settled        the day the account stopped owing anything;
--   last_activity  the later of that day and the last contact or call on the account.
CREATE TABLE retention_policies (
  jurisdiction text NOT NULL,
  record_kind text NOT NULL CHECK (record_kind IN ('collection_records', 'call_recordings')),
  years int NOT NULL CHECK (years BETWEEN 1 AND 100),
  starts_from text NOT NULL CHECK (starts_from IN ('settled', 'last_activity')),
  source text NOT NULL,
  is_policy boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (jurisdiction, record_kind)
);
INSERT INTO retention_policies (jurisdiction, record_kind, years, starts_from, source, is_policy, updated_at, updated_by) VALUES
  ('CN', 'collection_records', 5, 'settled', 'CN-REC-01: NIFA 2018 公约 催收记录相关数据要保存5年以上', false, '2026-01-01T00:00:00Z', 'migration'),
  ('CN', 'call_recordings', 5, 'settled', 'CN-REC-01: 信用卡办法 Art. 68 ≥ 2 years; NIFA 2018 ≥ 5 years (the longer applies)', false, '2026-01-01T00:00:00Z', 'migration'),
  ('US', 'collection_records', 3, 'last_activity', 'US-REC-01: Reg F 12 CFR 1006.100(a), 3 years after the last collection activity', false, '2026-01-01T00:00:00Z', 'migration'),
  ('US', 'call_recordings', 3, 'last_activity', 'US-REC-01: Reg F 12 CFR 1006.100(b), 3 years after each call', false, '2026-01-01T00:00:00Z', 'migration'),
  ('UK', 'collection_records', 6, 'settled', 'Company policy: 6 years, the Limitation Act 1980 period commonly used by UK lenders', true, '2026-01-01T00:00:00Z', 'migration'),
  ('UK', 'call_recordings', 6, 'settled', 'Company policy: 6 years, the Limitation Act 1980 period commonly used by UK lenders', true, '2026-01-01T00:00:00Z', 'migration');

-- Customers whose personal data the retention purge replaced, with the sha256 of each value removed
-- (canonical JSON of the field), the business date and the batch that did it.
CREATE TABLE anonymised_customers (
  customer_id text PRIMARY KEY REFERENCES customers (id),
  anonymised_on date NOT NULL,
  batch text NOT NULL,
  removed jsonb NOT NULL,
  at timestamptz NOT NULL
);

-- Texts and documents the purge removed from other records (message bodies, notes, PDFs, call
-- transcripts): where they were and the sha256 of what was there.
CREATE TABLE purged_values (
  customer_id text NOT NULL REFERENCES customers (id),
  source text NOT NULL,
  source_key text NOT NULL,
  sha256 text NOT NULL,
  purged_on date NOT NULL,
  PRIMARY KEY (source, source_key)
);
CREATE INDEX purged_values_customer ON purged_values (customer_id);
