-- Strategy (C3): decision tables as versioned data, and champion/challenger experiments on them.

-- Every saved version of every table. A version is never edited: saving makes a new draft, publishing
-- turns a draft (or an earlier version, to roll back) into the one in force and retires the one before.
CREATE TABLE strategy_tables (
  code text NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  jurisdiction text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  -- The table as validated (DecisionTableSchema), and the validator's findings when it was saved or
  -- last published: a version is published only with no findings.
  decision_table jsonb NOT NULL,
  findings jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  published_at timestamptz,
  published_by text,
  retired_at timestamptz,
  PRIMARY KEY (code, version),
  CHECK ((status = 'draft') = (published_at IS NULL))
);
-- One version in force per table, and one table in force per jurisdiction.
CREATE UNIQUE INDEX strategy_tables_one_published ON strategy_tables (code) WHERE status = 'published';
CREATE UNIQUE INDEX strategy_tables_one_per_jurisdiction ON strategy_tables (jurisdiction) WHERE status = 'published';

-- A champion/challenger experiment on one table: the published version (champion) against another
-- version (challenger), with an optional holdout. Shares are basis points of the accounts.
CREATE TABLE experiments (
  code text PRIMARY KEY,
  table_code text NOT NULL,
  champion_version int NOT NULL,
  challenger_version int NOT NULL,
  holdout_bp int NOT NULL CHECK (holdout_bp BETWEEN 0 AND 10000),
  challenger_bp int NOT NULL CHECK (challenger_bp BETWEEN 0 AND 10000),
  guardrails jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('running', 'stopped', 'completed')),
  started_on date NOT NULL,
  stopped_on date,
  -- Why it stopped: {kind: 'manual', reason, actor} or {kind: 'guardrail', businessDate, verdicts}.
  stop_reason jsonb,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  CHECK (holdout_bp + challenger_bp <= 10000),
  CHECK (champion_version <> challenger_version),
  CHECK ((status = 'running') = (stopped_on IS NULL)),
  FOREIGN KEY (table_code, champion_version) REFERENCES strategy_tables (code, version),
  FOREIGN KEY (table_code, challenger_version) REFERENCES strategy_tables (code, version)
);
-- At most one running experiment per table: each account must have one arm.
CREATE UNIQUE INDEX experiments_one_running ON experiments (table_code) WHERE status = 'running';
