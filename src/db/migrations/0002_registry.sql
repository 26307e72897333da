-- 0002 The real-name registry (seed §9): worker details and categories with validity periods,
-- institution licences and status history, enterprise education-fund figures (§13), import batches.

ALTER TABLE workers
  ADD COLUMN education  text CHECK (education IN ('primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'postgraduate')),
  ADD COLUMN disability boolean,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX workers_unit_birth ON workers (unit_code, birth_date);

-- A person can hold several categories, each for a period (policy.md "People"); eligibility is judged
-- on the class start date. valid_to is inclusive; NULL = open-ended.
CREATE TABLE worker_categories (
  id              uuid PRIMARY KEY,
  worker_id       uuid NOT NULL REFERENCES workers (id),
  category_code   text NOT NULL REFERENCES person_categories (code),
  valid_from      date NOT NULL,
  valid_to        date,
  employer_org_id uuid REFERENCES organisations (id),
  source          text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (category_code <> 'enterprise_employee' OR employer_org_id IS NOT NULL)
);
CREATE INDEX worker_categories_worker ON worker_categories (worker_id);
CREATE INDEX worker_categories_code ON worker_categories (category_code, valid_from);
-- The same category starting on the same day is one fact: re-importing a list adds nothing.
CREATE UNIQUE INDEX worker_categories_once ON worker_categories (worker_id, category_code, valid_from);

ALTER TABLE organisations
  ADD COLUMN status_reason       text,
  ADD COLUMN status_since        date,
  ADD COLUMN status_decision_ref text,
  ADD COLUMN updated_at          timestamptz NOT NULL DEFAULT now();

-- Every status change is a row that is never updated (§17 blacklist with reason, date and decision).
CREATE TABLE organisation_status_changes (
  id             uuid PRIMARY KEY,
  org_id         uuid NOT NULL REFERENCES organisations (id),
  from_status    text NOT NULL,
  to_status      text NOT NULL CHECK (to_status IN ('active', 'suspended', 'blacklisted')),
  reason         text NOT NULL,
  decision_ref   text,
  effective_date date NOT NULL,
  actor_id       uuid,
  at             timestamptz NOT NULL
);
CREATE INDEX organisation_status_changes_org ON organisation_status_changes (org_id, at);

-- Licensed occupations and levels of a training institution (§6 许可的职业（工种）范围).
CREATE TABLE organisation_licences (
  org_id          uuid NOT NULL REFERENCES organisations (id),
  occupation_code text NOT NULL REFERENCES occupations (code),
  level_code      text NOT NULL REFERENCES skill_levels (code),
  PRIMARY KEY (org_id, occupation_code, level_code)
);

-- §13: enterprises report payroll and the staff education fund each year; the platform checks ratios.
CREATE TABLE enterprise_education_funds (
  org_id               uuid NOT NULL REFERENCES organisations (id),
  year                 integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  payroll_fen          bigint NOT NULL CHECK (payroll_fen >= 0),
  education_fund_fen   bigint NOT NULL CHECK (education_fund_fen >= 0),
  front_line_fen       bigint NOT NULL CHECK (front_line_fen >= 0),
  reported_at          timestamptz NOT NULL,
  PRIMARY KEY (org_id, year)
);

CREATE TABLE import_batches (
  id           uuid PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('workers', 'institutions', 'enterprises', 'categories')),
  file_name    text NOT NULL,
  file_sha256  text NOT NULL,
  mode         text NOT NULL CHECK (mode IN ('partial', 'all_or_nothing')),
  status       text NOT NULL CHECK (status IN ('running', 'committed', 'rejected', 'failed')),
  total        integer NOT NULL DEFAULT 0,
  stored       integer NOT NULL DEFAULT 0,
  unchanged    integer NOT NULL DEFAULT 0,
  rejected     integer NOT NULL DEFAULT 0,
  report_path  text,
  error        jsonb,
  actor_id     uuid,
  unit_code    text,
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz
);
CREATE INDEX import_batches_started ON import_batches (started_at DESC);

-- Contacts of an institution or enterprise (several; the phone numbers are personal data, encrypted).
CREATE TABLE organisation_contacts (
  org_id       uuid NOT NULL REFERENCES organisations (id),
  position     integer NOT NULL CHECK (position >= 1),
  name         text NOT NULL,
  phone_cipher bytea NOT NULL,
  phone_masked text NOT NULL,
  PRIMARY KEY (org_id, position)
);
INSERT INTO organisation_contacts (org_id, position, name, phone_cipher, phone_masked)
  SELECT id, 1, contact_name, contact_phone_cipher, contact_phone_masked FROM organisations
  WHERE contact_name IS NOT NULL AND contact_phone_cipher IS NOT NULL;
ALTER TABLE organisations DROP COLUMN contact_name, DROP COLUMN contact_phone_cipher, DROP COLUMN contact_phone_masked;
