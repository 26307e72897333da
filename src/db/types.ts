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
  status: Generated<'active' | 'suspended' | 'blacklisted'>;
  status_reason: string | null;
  status_since: string | null;
  status_decision_ref: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
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
  education: string | null;
  disability: boolean | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface WorkerCategoryTable {
  id: string;
  worker_id: string;
  category_code: string;
  valid_from: string;
  valid_to: string | null;
  employer_org_id: string | null;
  source: string;
  created_at: DefaultedTimestamp;
}
export interface OrganisationStatusChangeTable {
  id: string;
  org_id: string;
  from_status: string;
  to_status: string;
  reason: string;
  decision_ref: string | null;
  effective_date: string;
  actor_id: string | null;
  at: Timestamp;
}
export interface OrganisationContactTable { org_id: string; position: number; name: string; phone_cipher: Buffer; phone_masked: string }
export interface OrganisationLicenceTable { org_id: string; occupation_code: string; level_code: string }
export interface EnterpriseEducationFundTable {
  org_id: string;
  year: number;
  payroll_fen: number;
  education_fund_fen: number;
  front_line_fen: number;
  reported_at: Timestamp;
}
export interface ImportBatchTable {
  id: string;
  kind: 'workers' | 'institutions' | 'enterprises' | 'categories';
  file_name: string;
  file_sha256: string;
  mode: 'partial' | 'all_or_nothing';
  status: 'running' | 'committed' | 'rejected' | 'failed';
  total: Generated<number>;
  stored: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  report_path: string | null;
  error: ColumnType<{ code: string; params: Record<string, string | number> } | null, string | null, string | null>;
  actor_id: string | null;
  unit_code: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}
export interface CatalogTable {
  id: string;
  kind: 'projects' | 'institutions';
  year: number;
  version: number;
  title: string;
  status: 'draft' | 'in_review' | 'published' | 'superseded';
  based_on: string | null;
  created_by: string | null;
  created_at: Timestamp;
  published_at: Timestamp | null;
  published_by: string | null;
}
export interface CatalogProjectTable {
  id: string;
  catalog_id: string;
  occupation_code: string;
  level_code: string;
  training_type: string;
  standard_hours: number;
  teaching_plan_ref: string;
  syllabus_ref: string;
  subsidy_fen: number;
}
export interface CatalogInstitutionTable { catalog_id: string; org_id: string; occupation_code: string; level_code: string }
export interface CatalogDecisionTable { id: string; seq: Generated<number>; catalog_id: string; action: string; reason: string | null; actor_id: string | null; at: Timestamp }
export interface SigningKeyTable {
  kid: string;
  public_jwk: ColumnType<Record<string, unknown>, string, string>;
  private_jwk_sealed: Buffer;
  status: 'active' | 'retired';
  created_at: Timestamp;
  retired_at: Timestamp | null;
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
type Json<T> = ColumnType<T, string, string>;
export type Teacher = { name: string; qualification: string | null };
export interface TrainingClassTable {
  id: string;
  org_id: string;
  unit_code: string;
  status: string;
  created_at: DefaultedTimestamp;
  code: string | null;
  name: string | null;
  catalog_project_id: string | null;
  occupation_code: string | null;
  level_code: string | null;
  training_type: string | null;
  standard_hours: number | null;
  subsidy_fen: number | null;
  venue_address: string | null;
  venue_lat: number | null;
  venue_lng: number | null;
  start_date: ColumnType<string | null, string | null | undefined, string | null>;
  end_date: ColumnType<string | null, string | null | undefined, string | null>;
  capacity: number | null;
  teachers: ColumnType<Teacher[], string | undefined, string>;
  assessment_plan: string | null;
  responsible_department: string | null;
  funding_route: string | null;
  certificate_type: string | null;
  scheduled_minutes: number | null;
  scheduled_days: number | null;
  evaluator_org_id: string | null;
  project_review_note: string | null;
  created_by: string | null;
  updated_at: DefaultedTimestamp;
}
export interface ClassSessionTable { id: string; class_id: string; seq: number; starts_at: Timestamp; ends_at: Timestamp; minutes: number }
export interface ClassDecisionTable {
  id: string;
  seq: Generated<number>;
  class_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  reasons: Json<unknown> | null;
  actor_id: string | null;
  at: Timestamp;
}
export interface EnrolmentTable {
  id: string;
  class_id: string;
  worker_id: string;
  status: 'active' | 'withdrawn';
  subsidised: boolean;
  living_allowance: boolean;
  subsidy_year: number;
  outlook: Json<unknown>;
  enrolled_by: string | null;
  enrolled_at: Timestamp;
  withdrawn_at: Timestamp | null;
  withdrawn_reason: string | null;
}
export interface AttendanceScanTable { id: string; class_id: string; session_id: string; worker_id: string; kind: 'in' | 'out'; slot: number; at: Timestamp; ip: string | null }
export interface ManualMarkTable {
  id: string;
  class_id: string;
  session_id: string;
  worker_id: string;
  check_in_at: Timestamp;
  check_out_at: Timestamp;
  reason_code: string;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}
export interface ManualMarkDecisionTable { mark_id: string; decision: 'confirmed' | 'refused'; reason: string | null; actor_id: string | null; at: Timestamp }
export interface EnrolmentCompletionTable {
  enrolment_id: string;
  class_id: string;
  scheduled_minutes: number;
  attended_minutes: number;
  rate_per_mille: number;
  attended_days: number;
  completed: boolean;
  at: Timestamp;
}
export interface AssessmentResultTable {
  enrolment_id: string;
  class_id: string;
  worker_id: string;
  result: 'pass' | 'fail' | 'absent';
  score: number | null;
  evaluator_org_id: string;
  recorded_by: string | null;
  recorded_at: Timestamp;
}
export interface CertificateTable {
  id: string;
  number: string;
  type: string;
  class_id: string | null;
  enrolment_id: string | null;
  worker_id: string;
  issuer_org_id: string;
  occupation_code: string | null;
  level_code: string | null;
  issued_on: ColumnType<string, string, string>;
  verify_token: string;
  claims: Json<Record<string, unknown>>;
  jws: string;
  kid: string;
  holder_salt_sealed: Buffer | null;
  issued_at: Timestamp;
}
export interface CertificateRevocationTable { certificate_id: string; reason: string; actor_id: string | null; at: Timestamp }
export interface CertificateSerialTable { kind: string; year: number; last: number }
export interface SubsidyClaimTable {
  id: string;
  class_id: string;
  org_id: string;
  unit_code: string;
  status: string;
  created_at: DefaultedTimestamp;
  year: number | null;
  round: ColumnType<number, number | undefined, number>;
  total_fen: ColumnType<number, number | undefined, number>;
  rule_set: string | null;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  announced_on: ColumnType<string | null, string | null | undefined, string | null>;
  window_end: ColumnType<string | null, string | null | undefined, string | null>;
  paid_txn_seq: number | null;
  updated_at: DefaultedTimestamp;
}
export interface ClaimLineTable {
  id: string;
  claim_id: string;
  round: number;
  enrolment_id: string | null;
  worker_id: string | null;
  kind: string;
  rule_id: string;
  rule_version: string;
  clause: string;
  amount_fen: number;
  payee_kind: 'organisation' | 'worker';
  payee_id: string;
  fund: string;
  basis: string;
  created_at: Timestamp;
}
export interface ClaimTraceTable { claim_id: string; round: number; enrolment_id: string; worker_id: string; total_fen: number; trace: Json<unknown> }
export interface ClaimLineRefusalTable { line_id: string; stage: string; reason: string; actor_id: string | null; at: Timestamp }
export interface ClaimDecisionTable { id: string; seq: Generated<number>; claim_id: string; action: string; from_status: string | null; to_status: string; reasons: string | null; actor_id: string | null; at: Timestamp }
export interface ClaimObjectionTable { id: string; claim_id: string; text: string; contact: string | null; submitted_at: Timestamp; ip: string | null }
export interface ClaimObjectionAnswerTable { objection_id: string; answer: string; upheld: boolean; actor_id: string | null; at: Timestamp }
export interface LedgerTransactionTable {
  seq: number;
  id: string;
  kind: 'budget' | 'payment' | 'reversal';
  at: Timestamp;
  idempotency_key: string;
  request_hash: string;
  claim_id: string | null;
  reverses_txn_id: string | null;
  voucher: string;
  memo: string;
  actor_id: string | null;
  prev_hash: string;
  hash: string;
}
export interface LedgerEntryTable {
  txn_seq: number;
  line_no: number;
  account: string;
  fund: string;
  unit_code: string;
  year: number;
  debit_fen: number;
  credit_fen: number;
  claim_line_id: string | null;
  payee_kind: string | null;
  payee_id: string | null;
  memo: string | null;
}
export interface UnitTargetTable { year: number; unit_code: string; trainings: number; set_by: string | null; set_at: Timestamp }
export interface EmploymentRecordTable {
  id: string;
  id_blind: string;
  worker_id: string | null;
  employer_credit_code: string;
  employer_name: string | null;
  first_month: ColumnType<string, string, string>;
  last_month: ColumnType<string | null, string | null, string | null>;
  imported_at: Timestamp;
}
export interface FrozenReportTable { id: string; kind: string; period_key: string; basis: string; unit_code: string; data: Json<unknown>; frozen_by: string | null; frozen_at: Timestamp }
export interface ReportApprovalTable { report_id: string; approved_by: string | null; approved_at: Timestamp }
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
  worker_categories: WorkerCategoryTable;
  organisation_status_changes: OrganisationStatusChangeTable;
  organisation_licences: OrganisationLicenceTable;
  organisation_contacts: OrganisationContactTable;
  enterprise_education_funds: EnterpriseEducationFundTable;
  import_batches: ImportBatchTable;
  catalogs: CatalogTable;
  catalog_projects: CatalogProjectTable;
  catalog_institutions: CatalogInstitutionTable;
  catalog_decisions: CatalogDecisionTable;
  signing_keys: SigningKeyTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  training_classes: TrainingClassTable;
  class_sessions: ClassSessionTable;
  class_decisions: ClassDecisionTable;
  enrolments: EnrolmentTable;
  attendance_scans: AttendanceScanTable;
  manual_marks: ManualMarkTable;
  manual_mark_decisions: ManualMarkDecisionTable;
  enrolment_completions: EnrolmentCompletionTable;
  assessment_results: AssessmentResultTable;
  certificates: CertificateTable;
  certificate_revocations: CertificateRevocationTable;
  certificate_serials: CertificateSerialTable;
  subsidy_claims: SubsidyClaimTable;
  claim_lines: ClaimLineTable;
  claim_traces: ClaimTraceTable;
  claim_line_refusals: ClaimLineRefusalTable;
  claim_decisions: ClaimDecisionTable;
  claim_objections: ClaimObjectionTable;
  claim_objection_answers: ClaimObjectionAnswerTable;
  ledger_transactions: LedgerTransactionTable;
  ledger_entries: LedgerEntryTable;
  unit_targets: UnitTargetTable;
  employment_records: EmploymentRecordTable;
  frozen_reports: FrozenReportTable;
  report_approvals: ReportApprovalTable;
  seed_runs: SeedRunTable;
  schema_migrations: SchemaMigrationTable;
}
