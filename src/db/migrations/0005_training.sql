-- 0005 Classes, enrolment, attendance, assessment and certificates (seed §7, §9, §10, §12, §15).
-- The class lifecycle is src/domain/training/classLifecycle.ts; every status change is a decision row.
-- Attendance scans, manual marks and their confirmations, results and revocations are append-only.

ALTER TABLE training_classes
  ADD COLUMN code                   text,
  ADD COLUMN name                   text,
  ADD COLUMN catalog_project_id     uuid REFERENCES catalog_projects (id),
  ADD COLUMN occupation_code        text REFERENCES occupations (code),
  ADD COLUMN level_code             text REFERENCES skill_levels (code),
  ADD COLUMN training_type          text REFERENCES training_types (code),
  ADD COLUMN standard_hours         integer CHECK (standard_hours > 0),
  ADD COLUMN subsidy_fen            bigint CHECK (subsidy_fen >= 0),
  ADD COLUMN venue_address          text,
  ADD COLUMN venue_lat              double precision,
  ADD COLUMN venue_lng              double precision,
  ADD COLUMN start_date             date,
  ADD COLUMN end_date               date,
  ADD COLUMN capacity               integer CHECK (capacity > 0),
  ADD COLUMN teachers               jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN assessment_plan        text,
  ADD COLUMN responsible_department text,
  ADD COLUMN funding_route          text,
  ADD COLUMN certificate_type       text CHECK (certificate_type IN ('special_ability', 'skill_level', 'qualification', 'training_completion')),
  ADD COLUMN scheduled_minutes      integer,
  ADD COLUMN scheduled_days         integer,
  ADD COLUMN evaluator_org_id       uuid REFERENCES organisations (id),
  -- §7: a project outside the catalog is reviewed by the county office; the opinion is kept here and in the decision row.
  ADD COLUMN project_review_note    text,
  ADD COLUMN created_by             uuid,
  ADD COLUMN updated_at             timestamptz NOT NULL DEFAULT now();
ALTER TABLE training_classes ADD CONSTRAINT training_classes_status CHECK (status IN ('draft', 'filed', 'returned', 'approved', 'in_progress', 'completed', 'assessed', 'closed', 'cancelled'));
CREATE UNIQUE INDEX training_classes_code ON training_classes (code);
CREATE INDEX training_classes_unit_status ON training_classes (unit_code, status, start_date);
CREATE INDEX training_classes_org ON training_classes (org_id, start_date);
CREATE INDEX training_classes_evaluator ON training_classes (evaluator_org_id) WHERE evaluator_org_id IS NOT NULL;

CREATE TABLE class_sessions (
  id         uuid PRIMARY KEY,
  class_id   uuid NOT NULL REFERENCES training_classes (id),
  seq        integer NOT NULL CHECK (seq >= 1),
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL,
  minutes    integer NOT NULL CHECK (minutes > 0),
  CHECK (ends_at > starts_at),
  UNIQUE (class_id, seq)
);
CREATE INDEX class_sessions_class ON class_sessions (class_id, starts_at);

-- Every lifecycle step of a class, never updated.
CREATE TABLE class_decisions (
  id          uuid PRIMARY KEY,
  seq         bigserial NOT NULL,
  class_id    uuid NOT NULL REFERENCES training_classes (id),
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  reasons     jsonb,
  actor_id    uuid,
  at          timestamptz NOT NULL
);
CREATE INDEX class_decisions_class ON class_decisions (class_id, seq);

-- A person in a class (实名制). The subsidy outlook seen at enrolment is kept with its reasons (§15).
CREATE TABLE enrolments (
  id                uuid PRIMARY KEY,
  class_id          uuid NOT NULL REFERENCES training_classes (id),
  worker_id         uuid NOT NULL REFERENCES workers (id),
  status            text NOT NULL CHECK (status IN ('active', 'withdrawn')),
  subsidised        boolean NOT NULL,
  living_allowance  boolean NOT NULL DEFAULT false,
  subsidy_year      integer NOT NULL,
  outlook           jsonb NOT NULL,
  enrolled_by       uuid,
  enrolled_at       timestamptz NOT NULL,
  withdrawn_at      timestamptz,
  withdrawn_reason  text
);
CREATE UNIQUE INDEX enrolments_once ON enrolments (class_id, worker_id) WHERE status = 'active';
CREATE INDEX enrolments_worker ON enrolments (worker_id, status);
CREATE INDEX enrolments_class ON enrolments (class_id, status);

-- Check-ins and check-outs by scanning the classroom QR code (§9). One row per scan, never updated;
-- the same person presenting the same token twice is refused by the unique index.
CREATE TABLE attendance_scans (
  id          uuid PRIMARY KEY,
  class_id    uuid NOT NULL REFERENCES training_classes (id),
  session_id  uuid NOT NULL REFERENCES class_sessions (id),
  worker_id   uuid NOT NULL REFERENCES workers (id),
  kind        text NOT NULL CHECK (kind IN ('in', 'out')),
  slot        bigint NOT NULL,
  at          timestamptz NOT NULL,
  ip          text,
  UNIQUE (session_id, worker_id, kind, slot)
);
CREATE INDEX attendance_scans_session_worker ON attendance_scans (session_id, worker_id, at);
CREATE INDEX attendance_scans_class ON attendance_scans (class_id);

-- Manual marks (补签) by the institution, with a reason code; they count only once a county officer confirms.
CREATE TABLE manual_marks (
  id           uuid PRIMARY KEY,
  class_id     uuid NOT NULL REFERENCES training_classes (id),
  session_id   uuid NOT NULL REFERENCES class_sessions (id),
  worker_id    uuid NOT NULL REFERENCES workers (id),
  check_in_at  timestamptz NOT NULL,
  check_out_at timestamptz NOT NULL,
  reason_code  text NOT NULL,
  note         text,
  created_by   uuid,
  created_at   timestamptz NOT NULL,
  CHECK (check_out_at > check_in_at)
);
CREATE INDEX manual_marks_class ON manual_marks (class_id);
CREATE TABLE manual_mark_decisions (
  mark_id    uuid PRIMARY KEY REFERENCES manual_marks (id),
  decision   text NOT NULL CHECK (decision IN ('confirmed', 'refused')),
  reason     text,
  actor_id   uuid,
  at         timestamptz NOT NULL
);

-- At completion (§10) each trainee's attendance is fixed here.
CREATE TABLE enrolment_completions (
  enrolment_id      uuid PRIMARY KEY REFERENCES enrolments (id),
  class_id          uuid NOT NULL REFERENCES training_classes (id),
  scheduled_minutes integer NOT NULL,
  attended_minutes  integer NOT NULL,
  rate_per_mille    integer NOT NULL,
  attended_days     integer NOT NULL,
  completed         boolean NOT NULL,
  at                timestamptz NOT NULL
);
CREATE INDEX enrolment_completions_class ON enrolment_completions (class_id);

-- Results recorded by the evaluation institution assigned to the class (§10).
CREATE TABLE assessment_results (
  enrolment_id uuid PRIMARY KEY REFERENCES enrolments (id),
  class_id     uuid NOT NULL REFERENCES training_classes (id),
  worker_id    uuid NOT NULL REFERENCES workers (id),
  result       text NOT NULL CHECK (result IN ('pass', 'fail', 'absent')),
  score        integer CHECK (score BETWEEN 0 AND 100),
  evaluator_org_id uuid NOT NULL REFERENCES organisations (id),
  recorded_by  uuid,
  recorded_at  timestamptz NOT NULL
);
CREATE INDEX assessment_results_class ON assessment_results (class_id);

-- Electronic certificates (§9, §10): the signed credential (VC-JWT) is stored as issued.
CREATE TABLE certificates (
  id              uuid PRIMARY KEY,
  number          text NOT NULL UNIQUE,
  type            text NOT NULL CHECK (type IN ('special_ability', 'skill_level', 'qualification', 'training_completion')),
  class_id        uuid REFERENCES training_classes (id),
  enrolment_id    uuid UNIQUE REFERENCES enrolments (id),
  worker_id       uuid NOT NULL REFERENCES workers (id),
  issuer_org_id   uuid NOT NULL REFERENCES organisations (id),
  occupation_code text,
  level_code      text,
  issued_on       date NOT NULL,
  verify_token    text NOT NULL UNIQUE,
  claims          jsonb NOT NULL,
  jws             text NOT NULL,
  kid             text NOT NULL REFERENCES signing_keys (kid),
  holder_salt_sealed bytea,
  issued_at       timestamptz NOT NULL
);
CREATE INDEX certificates_worker ON certificates (worker_id);
CREATE INDEX certificates_class ON certificates (class_id);
CREATE TABLE certificate_revocations (
  certificate_id uuid PRIMARY KEY REFERENCES certificates (id),
  reason         text NOT NULL,
  actor_id       uuid,
  at             timestamptz NOT NULL
);
-- Serial numbers of the platform's own certificate numbers, per kind and year.
CREATE TABLE certificate_serials (
  kind  text NOT NULL,
  year  integer NOT NULL,
  last  integer NOT NULL,
  PRIMARY KEY (kind, year)
);

CREATE FUNCTION training_rows_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER class_decisions_append_only BEFORE UPDATE OR DELETE ON class_decisions FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER attendance_scans_append_only BEFORE UPDATE OR DELETE ON attendance_scans FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER manual_marks_append_only BEFORE UPDATE OR DELETE ON manual_marks FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER manual_mark_decisions_append_only BEFORE UPDATE OR DELETE ON manual_mark_decisions FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER assessment_results_append_only BEFORE UPDATE OR DELETE ON assessment_results FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER certificate_revocations_append_only BEFORE UPDATE OR DELETE ON certificate_revocations FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER enrolment_completions_append_only BEFORE UPDATE OR DELETE ON enrolment_completions FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
CREATE TRIGGER certificates_append_only BEFORE UPDATE OR DELETE ON certificates FOR EACH ROW EXECUTE FUNCTION training_rows_append_only();
