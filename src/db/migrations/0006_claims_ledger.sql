-- 0006 Subsidy claims, their review and public announcement, and the double-entry ledger (issue #5;
-- seed §3, §5, §13–§17). The claim lifecycle is src/domain/claims/lifecycle.ts; the ledger's rules are
-- src/domain/ledger/ledger.ts. Lines, decisions, objections, refusals and ledger rows are append-only.

ALTER TABLE subsidy_claims
  ADD COLUMN year          integer,
  ADD COLUMN round         integer NOT NULL DEFAULT 1,
  ADD COLUMN total_fen     bigint NOT NULL DEFAULT 0 CHECK (total_fen >= 0),
  ADD COLUMN rule_set      text,
  ADD COLUMN submitted_by  uuid,
  ADD COLUMN submitted_at  timestamptz,
  ADD COLUMN announced_on  date,
  ADD COLUMN window_end    date,
  ADD COLUMN paid_txn_seq  bigint,
  ADD COLUMN updated_at    timestamptz NOT NULL DEFAULT now();
ALTER TABLE subsidy_claims ADD CONSTRAINT subsidy_claims_status CHECK (status IN ('submitted', 'returned', 'announcing', 'approved', 'paid', 'rejected', 'withdrawn'));
-- One live claim per class: a withdrawn or rejected one may be followed by a new one.
CREATE UNIQUE INDEX subsidy_claims_one_live ON subsidy_claims (class_id) WHERE status NOT IN ('withdrawn', 'rejected');
CREATE INDEX subsidy_claims_unit_status ON subsidy_claims (unit_code, status);
CREATE INDEX subsidy_claims_org ON subsidy_claims (org_id);

-- The priced lines of a claim; a resubmission prices again into a new round, the old round stays.
CREATE TABLE claim_lines (
  id           uuid PRIMARY KEY,
  claim_id     uuid NOT NULL REFERENCES subsidy_claims (id),
  round        integer NOT NULL,
  enrolment_id uuid REFERENCES enrolments (id),
  worker_id    uuid REFERENCES workers (id),
  kind         text NOT NULL,
  rule_id      text NOT NULL,
  rule_version text NOT NULL,
  clause       text NOT NULL,
  amount_fen   bigint NOT NULL CHECK (amount_fen >= 0),
  payee_kind   text NOT NULL CHECK (payee_kind IN ('organisation', 'worker')),
  payee_id     uuid NOT NULL,
  fund         text NOT NULL,
  basis        text NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX claim_lines_claim ON claim_lines (claim_id, round);
CREATE INDEX claim_lines_worker ON claim_lines (worker_id);
-- Why each trainee of a priced round got what they got: every rule applied or refused, with its clause.
CREATE TABLE claim_traces (
  claim_id     uuid NOT NULL REFERENCES subsidy_claims (id),
  round        integer NOT NULL,
  enrolment_id uuid NOT NULL REFERENCES enrolments (id),
  worker_id    uuid NOT NULL REFERENCES workers (id),
  total_fen    bigint NOT NULL,
  trace        jsonb NOT NULL,
  PRIMARY KEY (claim_id, round, enrolment_id)
);
-- A reviewer refuses a single line, with reasons (it is then not paid).
CREATE TABLE claim_line_refusals (
  line_id  uuid PRIMARY KEY REFERENCES claim_lines (id),
  stage    text NOT NULL,
  reason   text NOT NULL,
  actor_id uuid,
  at       timestamptz NOT NULL
);
CREATE TABLE claim_decisions (
  id          uuid PRIMARY KEY,
  seq         bigserial NOT NULL,
  claim_id    uuid NOT NULL REFERENCES subsidy_claims (id),
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  reasons     text,
  actor_id    uuid,
  at          timestamptz NOT NULL
);
CREATE INDEX claim_decisions_claim ON claim_decisions (claim_id, seq);
-- Objections during the public announcement (公示), and their answers.
CREATE TABLE claim_objections (
  id           uuid PRIMARY KEY,
  claim_id     uuid NOT NULL REFERENCES subsidy_claims (id),
  text         text NOT NULL,
  contact      text,
  submitted_at timestamptz NOT NULL,
  ip           text
);
CREATE INDEX claim_objections_claim ON claim_objections (claim_id);
CREATE TABLE claim_objection_answers (
  objection_id uuid PRIMARY KEY REFERENCES claim_objections (id),
  answer       text NOT NULL,
  upheld       boolean NOT NULL,
  actor_id     uuid,
  at           timestamptz NOT NULL
);

-- The ledger (补贴资金发放台账): transactions hash-chained like the audit trail, entries double-entry.
CREATE TABLE ledger_transactions (
  seq             bigint PRIMARY KEY CHECK (seq >= 1),
  id              uuid NOT NULL UNIQUE,
  kind            text NOT NULL CHECK (kind IN ('budget', 'payment', 'reversal')),
  at              timestamptz NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  request_hash    text NOT NULL,
  claim_id        uuid REFERENCES subsidy_claims (id),
  reverses_txn_id uuid UNIQUE REFERENCES ledger_transactions (id),
  voucher         text NOT NULL UNIQUE,
  memo            text NOT NULL,
  actor_id        uuid,
  prev_hash       text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash            text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX ledger_transactions_claim ON ledger_transactions (claim_id);
CREATE TABLE ledger_entries (
  txn_seq       bigint NOT NULL REFERENCES ledger_transactions (seq),
  line_no       integer NOT NULL,
  account       text NOT NULL,
  fund          text NOT NULL REFERENCES fund_sources (code),
  unit_code     text NOT NULL REFERENCES reporting_units (code),
  year          integer NOT NULL,
  debit_fen     bigint NOT NULL CHECK (debit_fen >= 0),
  credit_fen    bigint NOT NULL CHECK (credit_fen >= 0),
  claim_line_id uuid REFERENCES claim_lines (id),
  payee_kind    text,
  payee_id      uuid,
  memo          text,
  PRIMARY KEY (txn_seq, line_no),
  CHECK ((debit_fen > 0) <> (credit_fen > 0))
);
CREATE INDEX ledger_entries_account ON ledger_entries (account);
CREATE INDEX ledger_entries_fund_unit_year ON ledger_entries (fund, unit_code, year);
CREATE INDEX ledger_entries_payee ON ledger_entries (payee_id);
CREATE INDEX ledger_entries_line ON ledger_entries (claim_line_id);

CREATE TRIGGER claim_traces_append_only BEFORE UPDATE OR DELETE ON claim_traces FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER claim_lines_append_only BEFORE UPDATE OR DELETE ON claim_lines FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER claim_line_refusals_append_only BEFORE UPDATE OR DELETE ON claim_line_refusals FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER claim_decisions_append_only BEFORE UPDATE OR DELETE ON claim_decisions FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER claim_objections_append_only BEFORE UPDATE OR DELETE ON claim_objections FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER claim_objection_answers_append_only BEFORE UPDATE OR DELETE ON claim_objection_answers FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions FOR EACH STATEMENT EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION training_rows_append_only();
