import type { ColumnType, Generated } from 'kysely';

/** Row types for Kysely, one per table (migrations in ./migrations are the source of truth). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default: optional on insert. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ReportingUnitTable {
  code: string;
  name: string;
  name_en: string;
  kind: string;
  parent_code: string | null;
  population: number | null;
  is_development_zone: boolean;
  sort: number;
}
export interface TownshipTable { code: string; name: string; county_code: string }
export interface CodeNameTable { code: string; name: string; name_en: string; clause: string | null; sort: number }
export interface SkillLevelTable { code: string; name: string; name_en: string; rank: number; sort: number }
export interface OccupationTable {
  id: Generated<number>;
  code: string;
  name: string;
  verified: boolean;
  source: string | null;
  active: Generated<boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface OrganisationTable {
  id: string;
  kind: 'institution' | 'enterprise';
  name: string;
  credit_code: string;
  institution_kind: string | null;
  admission_route: string | null;
  industry: string | null;
  high_risk: Generated<boolean>;
  unit_code: string;
  employees: number | null;
  capacity: number | null;
  contact_name: string | null;
  contact_phone_cipher: Buffer | null;
  contact_phone_masked: string | null;
  status: Generated<'active' | 'suspended' | 'blacklisted'>;
  created_at: DefaultedTimestamp;
}
export interface WorkerTable {
  id: string;
  name: string;
  gender: 'M' | 'F';
  birth_date: string;
  id_cipher: Buffer;
  id_blind: string;
  id_masked: string;
  phone_cipher: Buffer | null;
  phone_blind: string | null;
  phone_masked: string | null;
  unit_code: string;
  county_code: string;
  township_code: string | null;
  created_at: DefaultedTimestamp;
}
export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  unit_code: string | null;
  org_id: string | null;
  worker_id: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface SessionTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}
export interface LoginFailureTable { id: Generated<number>; username: string; ip: string | null; at: Timestamp }
export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: ColumnType<Record<string, unknown>, string, never>;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}
export interface TrainingClassTable { id: string; org_id: string; unit_code: string; status: string; created_at: DefaultedTimestamp }
export interface SubsidyClaimTable { id: string; class_id: string; org_id: string; unit_code: string; status: string; created_at: DefaultedTimestamp }
export interface SeedRunTable {
  scale: string;
  seed: string;
  phase: string;
  done: number;
  total: number;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}
export interface SchemaMigrationTable { name: string; checksum: string; applied_at: DefaultedTimestamp }

export interface DB {
  reporting_units: ReportingUnitTable;
  townships: TownshipTable;
  skill_levels: SkillLevelTable;
  training_types: CodeNameTable;
  person_categories: CodeNameTable;
  fund_sources: CodeNameTable;
  certificate_types: CodeNameTable;
  occupations: OccupationTable;
  organisations: OrganisationTable;
  workers: WorkerTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  training_classes: TrainingClassTable;
  subsidy_claims: SubsidyClaimTable;
  seed_runs: SeedRunTable;
  schema_migrations: SchemaMigrationTable;
}
