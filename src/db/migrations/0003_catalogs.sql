-- 0003 The annual catalogs (§12): training projects and the institutions that may run them.
-- A catalog version is drafted, reviewed and published by the city office; once published its items
-- never change (a trigger refuses it) — a change is a new version, which supersedes the old one.

CREATE TABLE catalogs (
  id             uuid PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('projects', 'institutions')),
  year           integer NOT NULL CHECK (year BETWEEN 2019 AND 2100),
  version        integer NOT NULL CHECK (version >= 1),
  title          text NOT NULL,
  status         text NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'superseded')),
  based_on       uuid REFERENCES catalogs (id),
  created_by     uuid,
  created_at     timestamptz NOT NULL,
  published_at   timestamptz,
  published_by   uuid,
  UNIQUE (kind, year, version)
);
-- At most one published version of a kind per year.
CREATE UNIQUE INDEX catalogs_one_published ON catalogs (kind, year) WHERE status = 'published';

CREATE TABLE catalog_projects (
  id                uuid PRIMARY KEY,
  catalog_id        uuid NOT NULL REFERENCES catalogs (id),
  occupation_code   text NOT NULL REFERENCES occupations (code),
  level_code        text NOT NULL REFERENCES skill_levels (code),
  training_type     text NOT NULL REFERENCES training_types (code),
  standard_hours    integer NOT NULL CHECK (standard_hours > 0),
  teaching_plan_ref text NOT NULL,
  syllabus_ref      text NOT NULL,
  subsidy_fen       bigint NOT NULL CHECK (subsidy_fen >= 0),
  UNIQUE (catalog_id, occupation_code, level_code, training_type)
);

CREATE TABLE catalog_institutions (
  catalog_id      uuid NOT NULL REFERENCES catalogs (id),
  org_id          uuid NOT NULL REFERENCES organisations (id),
  occupation_code text NOT NULL REFERENCES occupations (code),
  level_code      text NOT NULL REFERENCES skill_levels (code),
  PRIMARY KEY (catalog_id, org_id, occupation_code, level_code)
);

-- Every review decision is a row that is never updated.
CREATE TABLE catalog_decisions (
  id         uuid PRIMARY KEY,
  seq        bigserial NOT NULL,
  catalog_id uuid NOT NULL REFERENCES catalogs (id),
  action     text NOT NULL CHECK (action IN ('create', 'submit', 'return', 'publish', 'supersede')),
  reason     text,
  actor_id   uuid,
  at         timestamptz NOT NULL
);

CREATE FUNCTION catalog_items_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  st text;
BEGIN
  SELECT status INTO st FROM catalogs WHERE id = COALESCE(NEW.catalog_id, OLD.catalog_id);
  IF st IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'catalog % is %: its items cannot change', COALESCE(NEW.catalog_id, OLD.catalog_id), st USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN COALESCE(NEW, OLD);
END;
$$;
CREATE TRIGGER catalog_projects_frozen BEFORE INSERT OR UPDATE OR DELETE ON catalog_projects FOR EACH ROW EXECUTE FUNCTION catalog_items_frozen();
CREATE TRIGGER catalog_institutions_frozen BEFORE INSERT OR UPDATE OR DELETE ON catalog_institutions FOR EACH ROW EXECUTE FUNCTION catalog_items_frozen();
