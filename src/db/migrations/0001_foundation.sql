-- 0001 Foundation: reference data tables, registry skeleton, users and sessions, the audit trail.
-- Forward-only; runs unchanged on PGlite and PostgreSQL (ADR 0002). Reference rows are loaded from
-- src/db/reference after the migrations, not written here.

CREATE TABLE reporting_units (
  code                text PRIMARY KEY,
  name                text NOT NULL,
  name_en             text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('prefecture', 'district', 'county', 'city', 'zone')),
  parent_code         text REFERENCES reporting_units (code),
  population          integer,
  is_development_zone boolean NOT NULL DEFAULT false,
  sort                integer NOT NULL
);

CREATE TABLE townships (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  county_code text NOT NULL
);

CREATE TABLE skill_levels (
  code    text PRIMARY KEY,
  name    text NOT NULL,
  name_en text NOT NULL,
  rank    integer NOT NULL,
  sort    integer NOT NULL
);

CREATE TABLE training_types (
  code text PRIMARY KEY, name text NOT NULL, name_en text NOT NULL, clause text, sort integer NOT NULL
);
CREATE TABLE person_categories (
  code text PRIMARY KEY, name text NOT NULL, name_en text NOT NULL, clause text, sort integer NOT NULL
);
CREATE TABLE fund_sources (
  code text PRIMARY KEY, name text NOT NULL, name_en text NOT NULL, clause text, sort integer NOT NULL
);
CREATE TABLE certificate_types (
  code text PRIMARY KEY, name text NOT NULL, name_en text NOT NULL, clause text, sort integer NOT NULL
);

-- Editable by the city office; reference loading inserts missing codes and never overwrites edits.
CREATE TABLE occupations (
  id         serial PRIMARY KEY,
  code       text NOT NULL UNIQUE CHECK (code ~ '^[1-8]-[0-9]{2}-[0-9]{2}-[0-9]{2}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  verified   boolean NOT NULL DEFAULT false,
  source     text,
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisations (
  id                   uuid PRIMARY KEY,
  kind                 text NOT NULL CHECK (kind IN ('institution', 'enterprise')),
  name                 text NOT NULL,
  credit_code          text NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  institution_kind     text CHECK (institution_kind IN ('enterprise_centre', 'vocational_college', 'technical_school', 'government_centre', 'private', 'evaluation')),
  admission_route      text CHECK (admission_route IN ('review_filing', 'bidding')),
  industry             text,
  high_risk            boolean NOT NULL DEFAULT false,
  unit_code            text NOT NULL REFERENCES reporting_units (code),
  employees            integer CHECK (employees >= 0),
  capacity             integer CHECK (capacity >= 0),
  contact_name         text,
  contact_phone_cipher bytea,
  contact_phone_masked text,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'blacklisted')),
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'institution') = (institution_kind IS NOT NULL))
);
CREATE INDEX organisations_kind_unit ON organisations (kind, unit_code);

-- Real-name registry skeleton. ID and phone numbers are encrypted at rest (AES-256-GCM) and found
-- through a keyed hash (blind index); only the masked form is stored in the clear.
CREATE TABLE workers (
  id            uuid PRIMARY KEY,
  name          text NOT NULL,
  gender        char(1) NOT NULL CHECK (gender IN ('M', 'F')),
  birth_date    date NOT NULL,
  id_cipher     bytea NOT NULL,
  id_blind      text NOT NULL UNIQUE,
  id_masked     text NOT NULL,
  phone_cipher  bytea,
  phone_blind   text,
  phone_masked  text,
  unit_code     text NOT NULL REFERENCES reporting_units (code),
  county_code   text NOT NULL,
  township_code text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workers_unit_name ON workers (unit_code, name);
CREATE INDEX workers_name ON workers (name);
CREATE INDEX workers_phone_blind ON workers (phone_blind);

-- Minimal class and claim tables so that counts are real from day one; their lifecycles extend them.
CREATE TABLE training_classes (
  id         uuid PRIMARY KEY,
  org_id     uuid NOT NULL REFERENCES organisations (id),
  unit_code  text NOT NULL REFERENCES reporting_units (code),
  status     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE subsidy_claims (
  id         uuid PRIMARY KEY,
  class_id   uuid NOT NULL REFERENCES training_classes (id),
  org_id     uuid NOT NULL REFERENCES organisations (id),
  unit_code  text NOT NULL REFERENCES reporting_units (code),
  status     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Users: every role is scoped (ADR 0005). The CHECK keeps the scope consistent with the role.
CREATE TABLE users (
  id                   uuid PRIMARY KEY,
  username             text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
  display_name         text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 64),
  role                 text NOT NULL CHECK (role IN ('sysadmin', 'city_office', 'county_office', 'finance', 'auditor', 'institution', 'enterprise', 'worker')),
  unit_code            text REFERENCES reporting_units (code),
  org_id               uuid REFERENCES organisations (id),
  worker_id            uuid REFERENCES workers (id),
  password_hash        text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  disabled_at          timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (CASE role
    WHEN 'sysadmin'      THEN unit_code IS NULL AND org_id IS NULL AND worker_id IS NULL
    WHEN 'city_office'   THEN unit_code = '140800' AND org_id IS NULL AND worker_id IS NULL
    WHEN 'county_office' THEN unit_code IS NOT NULL AND unit_code <> '140800' AND org_id IS NULL AND worker_id IS NULL
    WHEN 'finance'       THEN unit_code IS NOT NULL AND org_id IS NULL AND worker_id IS NULL
    WHEN 'auditor'       THEN unit_code IS NOT NULL AND org_id IS NULL AND worker_id IS NULL
    WHEN 'institution'   THEN org_id IS NOT NULL AND unit_code IS NULL AND worker_id IS NULL
    WHEN 'enterprise'    THEN org_id IS NOT NULL AND unit_code IS NULL AND worker_id IS NULL
    WHEN 'worker'        THEN worker_id IS NOT NULL AND unit_code IS NULL AND org_id IS NULL
  END)
);

CREATE TABLE sessions (
  id           text PRIMARY KEY,           -- SHA-256 of the cookie token; the token itself is never stored
  user_id      uuid NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
  id       bigserial PRIMARY KEY,
  username text NOT NULL,
  ip       text,
  at       timestamptz NOT NULL
);
CREATE INDEX login_failures_username_at ON login_failures (username, at);
CREATE INDEX login_failures_ip_at ON login_failures (ip, at);

-- The audit trail (ADR 0004): append-only, hash-chained. seq is dense (1, 2, 3…) and each row
-- carries the previous row's hash, so an edited, deleted or reordered row breaks the chain.
CREATE TABLE audit_log (
  seq            bigint PRIMARY KEY CHECK (seq >= 1),
  at             timestamptz NOT NULL,
  actor_id       uuid,
  actor_username text,
  actor_role     text,
  action         text NOT NULL,
  target_type    text,
  target_id      text,
  summary        jsonb NOT NULL,
  request_id     text,
  prev_hash      text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash           text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_username, seq);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Demo seeding progress, so a restarted server resumes and /readyz knows when it is done.
CREATE TABLE seed_runs (
  scale       text PRIMARY KEY,
  seed        text NOT NULL,
  phase       text NOT NULL,
  done        bigint NOT NULL DEFAULT 0,
  total       bigint NOT NULL DEFAULT 0,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz
);
