-- Platform tables: idempotency records, the hash-chained audit log, settings, daily-cycle checkpoints.

CREATE TABLE command_log (
  idempotency_key text PRIMARY KEY,
  command text NOT NULL,
  request_hash text NOT NULL,
  actor text NOT NULL,
  result jsonb,
  audit_seq bigint,
  created_at timestamptz NOT NULL
);

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  type text NOT NULL,
  actor text NOT NULL,
  subject text NOT NULL,
  data jsonb,
  command_key text,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);

-- The head of the chain: one row, locked by every append so that appends are serial.
CREATE TABLE audit_head (
  id int PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- Small key/value settings: the stored business date of the demo, and the like.
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- A run of the daily cycle up to a target date, and its checkpoints: one row per finished
-- (date, step, batch), written in the same transaction as the work it records.
CREATE TABLE cycle_runs (
  target_date date PRIMARY KEY,
  from_date date NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  replay boolean NOT NULL DEFAULT false
);

CREATE TABLE cycle_checkpoints (
  target_date date NOT NULL REFERENCES cycle_runs (target_date),
  business_date date NOT NULL,
  step text NOT NULL,
  batch_no int NOT NULL,
  rows_affected bigint NOT NULL,
  done_at timestamptz NOT NULL,
  PRIMARY KEY (target_date, business_date, step, batch_no)
);
