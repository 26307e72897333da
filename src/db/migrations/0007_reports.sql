-- 0007 Targets by unit, employment outcomes and frozen reports (issue #6; seed 二, 四(一), §9, §17).

-- Yearly targets of subsidised trainings (人次) per reporting unit, set by the city office (任务分解).
CREATE TABLE unit_targets (
  year      integer NOT NULL CHECK (year BETWEEN 2019 AND 2100),
  unit_code text NOT NULL REFERENCES reporting_units (code),
  trainings integer NOT NULL CHECK (trainings >= 0),
  set_by    uuid,
  set_at    timestamptz NOT NULL,
  PRIMARY KEY (year, unit_code)
);

-- Employment and social-insurance records (§9 就业社保信息联通共享), imported; one row per spell of employment.
CREATE TABLE employment_records (
  id                   uuid PRIMARY KEY,
  id_blind             text NOT NULL,
  worker_id            uuid REFERENCES workers (id),
  employer_credit_code text NOT NULL,
  employer_name        text,
  first_month          date NOT NULL CHECK (EXTRACT(DAY FROM first_month) = 1),
  last_month           date CHECK (last_month IS NULL OR last_month >= first_month),
  imported_at          timestamptz NOT NULL,
  UNIQUE (id_blind, employer_credit_code, first_month)
);
CREATE INDEX employment_records_worker ON employment_records (worker_id, first_month);

-- A frozen report never changes when later data arrives; approval is a separate row.
CREATE TABLE frozen_reports (
  id         uuid PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('monthly', 'quarterly', 'annual')),
  period_key text NOT NULL,
  basis      text NOT NULL CHECK (basis IN ('calendar', 'day21')),
  unit_code  text NOT NULL REFERENCES reporting_units (code),
  data       jsonb NOT NULL,
  frozen_by  uuid,
  frozen_at  timestamptz NOT NULL,
  UNIQUE (kind, period_key, basis, unit_code)
);
CREATE TABLE report_approvals (
  report_id   uuid PRIMARY KEY REFERENCES frozen_reports (id),
  approved_by uuid,
  approved_at timestamptz NOT NULL
);
CREATE TRIGGER frozen_reports_append_only BEFORE UPDATE OR DELETE ON frozen_reports FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER report_approvals_append_only BEFORE UPDATE OR DELETE ON report_approvals FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
