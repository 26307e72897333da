-- 0010 The reports' analytics table (ADR 0011; issue #6, seed 四(一), §17). Built from the records by
-- `jineng analytics refresh` into a new build, made current in the same transaction; reports read it while no
-- record it is made from has changed since, and read the records themselves otherwise.

-- Every write to a table the reports read bumps this sequence (one nextval per statement: non-transactional, never
-- blocks, no hot row). A build records the value it saw before taking its snapshot; a larger value now means the
-- records may differ from the build, which is then not used.
CREATE SEQUENCE report_source_changes;
CREATE FUNCTION report_source_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('report_source_changes');
  RETURN NULL;
END $$;
CREATE TRIGGER enrolments_report_source AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enrolments FOR EACH STATEMENT EXECUTE FUNCTION report_source_changed();
CREATE TRIGGER training_classes_report_source AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON training_classes FOR EACH STATEMENT EXECUTE FUNCTION report_source_changed();
CREATE TRIGGER enrolment_completions_report_source AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enrolment_completions FOR EACH STATEMENT EXECUTE FUNCTION report_source_changed();
CREATE TRIGGER certificates_report_source AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON certificates FOR EACH STATEMENT EXECUTE FUNCTION report_source_changed();
CREATE TRIGGER certificate_revocations_report_source AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON certificate_revocations FOR EACH STATEMENT EXECUTE FUNCTION report_source_changed();
CREATE TRIGGER subsidy_claims_report_source AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON subsidy_claims FOR EACH STATEMENT EXECUTE FUNCTION report_source_changed();
CREATE TRIGGER claim_lines_report_source AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON claim_lines FOR EACH STATEMENT EXECUTE FUNCTION report_source_changed();
CREATE TRIGGER claim_line_refusals_report_source AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON claim_line_refusals FOR EACH STATEMENT EXECUTE FUNCTION report_source_changed();
CREATE TRIGGER ledger_transactions_report_source AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ledger_transactions FOR EACH STATEMENT EXECUTE FUNCTION report_source_changed();
CREATE TRIGGER worker_categories_report_source AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON worker_categories FOR EACH STATEMENT EXECUTE FUNCTION report_source_changed();
CREATE TRIGGER employment_records_report_source AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON employment_records FOR EACH STATEMENT EXECUTE FUNCTION report_source_changed();

-- One row per build; at most one is current.
CREATE TABLE report_analytics_builds (
  id                bigint PRIMARY KEY,
  employment_months integer NOT NULL CHECK (employment_months BETWEEN 0 AND 60),
  source_version    bigint NOT NULL,
  started_at        timestamptz NOT NULL,
  built_at          timestamptz NOT NULL,
  seconds           numeric NOT NULL,
  enrolments        bigint NOT NULL,
  row_count         bigint NOT NULL,
  is_current        boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX report_analytics_builds_one_current ON report_analytics_builds (is_current) WHERE is_current;

-- The grain: scope (a reporting unit, or '' for the whole city) × dimension ('unit' = none, 'category',
-- 'training_type', 'certificate') and its key × half-month of the class's end date (atom = (year × 12 + month − 1)
-- × 2, + 1 from the 21st: every month of either basis, quarter and year is a run of atoms) × prev_atom (the atom of
-- the same person's previous training in the same scope and key, or null) × prev_sub_atom (likewise among subsidised
-- trainings) × subsidised. 人数 over atoms i…j = the rows with prev_atom null or < i: each person once, exactly.
CREATE TABLE report_analytics (
  build_id             bigint NOT NULL,
  scope                text NOT NULL,
  dim                  text NOT NULL CHECK (dim IN ('unit', 'category', 'training_type', 'certificate')),
  key                  text NOT NULL,
  atom                 integer NOT NULL,
  prev_atom            integer,
  prev_sub_atom        integer,
  subsidised           boolean NOT NULL,
  trainings            bigint NOT NULL,
  completed            bigint NOT NULL,
  certificates         bigint NOT NULL,
  employment_subsidy   bigint NOT NULL,
  skills_account       bigint NOT NULL,
  local_talent         bigint NOT NULL,
  industry_development bigint NOT NULL,
  living_allowance     bigint NOT NULL,
  employment_base      bigint NOT NULL,
  employed             bigint NOT NULL
);
CREATE INDEX report_analytics_read ON report_analytics (build_id, dim, atom, scope);

-- The live path (reportFacts) when the analytics cannot answer: the classes that ended in a period, and a paid
-- claim's lines by enrolment.
CREATE INDEX training_classes_ended ON training_classes (end_date, unit_code) WHERE status IN ('completed', 'assessed', 'closed');
CREATE INDEX claim_lines_enrolment ON claim_lines (enrolment_id);
