import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { platformCertificateNumber, skillLevelCertificateNumber } from '../../credentials/certificateNumber.ts';
import type { CertificateType } from '../../credentials/credential.ts';
import type { SigningKey } from '../../credentials/keys.ts';
import {
  currentAttendance,
  currentDemoClasses,
  demoCatalogInstitutions,
  demoClassActivity,
  demoClassName,
  demoProgramme,
  fundingRouteFor,
  leadsToCompletionCertificate,
  PROGRAMME_YEAR,
  type DemoClass,
  type DemoClassActivity,
  type DemoProgramme,
  type DemoScan,
} from '../../domain/demo/training.ts';
import { demoWorker } from '../../domain/demo/workers.ts';
import { maskIdNumber } from '../../domain/identity/idNumber.ts';
import { SKILL_LEVELS } from '../../domain/reference/catalog.ts';
import { categoriesOn } from '../../domain/registry/categories.ts';
import { attendanceSummary, meetsCompletion, type AttendanceMark } from '../../domain/training/attendance.ts';
import { beijingDateOf } from '../../domain/training/calendar.ts';
import type { FundingRoute, TrainingType } from '../../domain/training/classFiling.ts';
import { DEFAULT_SUBSIDY_SETTINGS, subsidyOutlook, type PriorSubsidised } from '../../domain/training/enrolment.ts';
import type { PiiCipher } from '../../security/pii.ts';
import type { Clock, Db, Tx } from '../../usecases/context.ts';
import { makeSigningKeys } from '../../usecases/signingKeys.ts';
import { defaultCertificateType, signedCertificateRow, type CertificateSubject } from '../../usecases/training/certificateIssue.ts';
import { DEMO_AS_OF, stableUuid, type SeedProgress } from './demo.ts';

/**
 * The demo programme year 2020 in the database: the published catalogs, the classes with their timetables,
 * decisions, enrolments, attendance, completions, results and signed certificates (src/domain/demo/training.ts
 * decides all of it), then a few classes of the demo institution around today's date. Rows go in through one
 * `INSERT … SELECT FROM unnest(…)` per table and batch, the same SQL on PGlite and PostgreSQL.
 *
 * Resumable: phase 'catalogs' is one transaction; phase 'classes' commits up to 100 classes at a time together
 * with the seed_runs counter, so a restart continues after the last committed batch and never writes a row twice;
 * phase 'current' is one transaction. Ids are stable (stableUuid, or derived from one), so a re-run writes the
 * same rows.
 *
 * Certificate numbers are counted per kind and year exactly as nextCertificateNumber counts them, but in memory:
 * the final serials are written to certificate_serials before the first class, so certificates issued later (and
 * by a concurrent user while the seed runs) continue after them. Class numbers likewise (`class:<unit>`).
 */

type Deps = { db: Db; clock: Clock; pii: PiiCipher };
type Q = Db | Tx;

/** Classes a transaction: 100, or a tenth of a small data set (so a stopped test run has something to resume). */
const batchSize = (classes: number) => Math.min(100, Math.max(5, Math.ceil(classes / 10)));

export type ProgrammeSeedOptions = {
  scale: string;
  seed: string;
  workers: number;
  /** Ids of demoOrganisations(seed), index for index. */
  orgIds: readonly string[];
  publicUrl: string;
  progress: SeedProgress;
  /** Where a stopped run left off: seed_runs.phase and .done. */
  phase: string;
  done: number;
};

export type ProgrammeSeedResult = { classes: number; enrolments: number; certificates: number };

const iso = (ms: number) => new Date(ms).toISOString();
const levelName = (code: string) => SKILL_LEVELS.find((l) => l.code === code)?.name ?? code;

export function certificateTypeOf(trainingType: TrainingType, levelCode: string): CertificateType {
  return leadsToCompletionCertificate(trainingType) ? 'training_completion' : defaultCertificateType(levelCode);
}

/** A deterministic, unguessable-looking verification token: base64url of SHA-256(seed, number), 16 characters. */
export function demoVerifyToken(seed: string, number: string): string {
  return createHash('sha256').update(`${seed}\u0000verify\u0000${number}`).digest('base64url').slice(0, 16);
}

/** Ids shared by the writer and the tests. */
export const demoIds = {
  worker: (seed: string, index: number) => stableUuid(`${seed}/worker/${index}`),
  class: (seed: string, key: string) => stableUuid(`${seed}/class/${key}`),
  enrolment: (seed: string, key: string, worker: number) => stableUuid(`${seed}/enrolment/${key}/${worker}`),
};

export async function seedProgramme(deps: Deps, opts: ProgrammeSeedOptions): Promise<ProgrammeSeedResult> {
  const { db } = deps;
  const { seed } = opts;
  const plan = demoProgramme(seed, opts.workers, DEMO_AS_OF);
  const numbers = certificateNumbers(seed, plan);
  const setPhase = (q: Q, phase: string, done: number) => q.updateTable('seed_runs').set({ phase, done }).where('scale', '=', opts.scale).execute();
  const total = plan.classes.length;

  if (opts.phase !== 'classes' && opts.phase !== 'current') {
    opts.progress('catalogs', 0, 1);
    await db.transaction().execute(async (trx) => {
      await insertCatalogs(trx, seed, plan, opts.orgIds);
      await reserveSerials(trx, plan, numbers.serials);
      await setPhase(trx, 'classes', 0);
    });
    opts.progress('catalogs', 1, 1);
  }

  const key = await makeSigningKeys(deps).active();
  if (opts.phase !== 'current') {
    const from = opts.phase === 'classes' ? opts.done : 0;
    // While one batch is written, the next is generated and signed (on PostgreSQL the two overlap).
    const BATCH = batchSize(total);
    const build = (start: number) => batchRows(deps, opts, plan, numbers, key, start, Math.min(total, start + BATCH));
    let next = from < total ? build(from) : null;
    for (let start = from; start < total; start += BATCH) {
      const end = Math.min(total, start + BATCH);
      const rows = await next!;
      const written = db.transaction().execute(async (trx) => {
        await insertBatch(trx, rows);
        await setPhase(trx, 'classes', end);
      });
      next = end < total ? build(end) : null;
      next?.catch(() => {}); // awaited in the next round; a failed write below must not leave it unhandled
      await written;
      opts.progress('classes', end, total);
    }
    await setPhase(db, 'current', total);
  }

  opts.progress('current', 0, 1);
  await db.transaction().execute(async (trx) => {
    await insertCurrentClasses(trx, deps, opts, plan);
    await setPhase(trx, 'finishing', total);
  });
  opts.progress('current', 1, 1);
  return {
    classes: total,
    enrolments: plan.classes.reduce((n, c) => n + c.enrolments.length, 0),
    certificates: numbers.byClass.reduce((n, list) => n + list.length, 0),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Catalogs and serials

async function insertCatalogs(trx: Tx, seed: string, plan: DemoProgramme, orgIds: readonly string[]) {
  const created = new Date(`${PROGRAMME_YEAR}-01-06T09:30:00+08:00`);
  const submitted = new Date(`${PROGRAMME_YEAR}-02-10T15:00:00+08:00`);
  const published = new Date(`${PROGRAMME_YEAR}-02-20T10:00:00+08:00`);
  for (const kind of ['projects', 'institutions'] as const) {
    const id = catalogId(seed, kind);
    if (await trx.selectFrom('catalogs').select('id').where('id', '=', id).executeTakeFirst()) continue;
    await trx
      .insertInto('catalogs')
      .values({
        id,
        kind,
        year: PROGRAMME_YEAR,
        version: 1,
        title: kind === 'projects' ? `运城市${PROGRAMME_YEAR}年职业技能提升培训项目目录` : `运城市${PROGRAMME_YEAR}年职业技能提升培训机构目录`,
        status: 'draft',
        created_at: created,
      })
      .execute();
    // Items only go into a draft (the catalog_items_frozen trigger), so: draft, items, then publish.
    if (kind === 'projects') {
      const p = plan.projects;
      await sql`
        INSERT INTO catalog_projects (id, catalog_id, occupation_code, level_code, training_type, standard_hours, teaching_plan_ref, syllabus_ref, subsidy_fen)
        SELECT u.id, ${id}::uuid, u.o, u.l, u.t, u.h, u.plan, u.syl, u.fen
        FROM unnest(${p.map((x) => projectId(seed, x))}::uuid[], ${p.map((x) => x.occupationCode)}::text[], ${p.map((x) => x.levelCode)}::text[],
          ${p.map((x) => x.trainingType)}::text[], ${p.map((x) => x.standardHours)}::int[], ${p.map((x) => x.teachingPlanRef)}::text[],
          ${p.map((x) => x.syllabusRef)}::text[], ${p.map((x) => x.subsidyFen)}::bigint[]) AS u(id, o, l, t, h, plan, syl, fen)
        ON CONFLICT DO NOTHING`.execute(trx);
    } else {
      const items = demoCatalogInstitutions(seed, plan.orgs);
      await sql`
        INSERT INTO catalog_institutions (catalog_id, org_id, occupation_code, level_code)
        SELECT ${id}::uuid, u.org, u.o, u.l
        FROM unnest(${items.map((x) => orgIds[x.org]!)}::uuid[], ${items.map((x) => x.occupationCode)}::text[], ${items.map((x) => x.levelCode)}::text[]) AS u(org, o, l)
        ON CONFLICT DO NOTHING`.execute(trx);
    }
    await trx.updateTable('catalogs').set({ status: 'published', published_at: published }).where('id', '=', id).execute();
    await trx
      .insertInto('catalog_decisions')
      .values([
        { id: stableUuid(`${seed}/catalog/${kind}/create`), catalog_id: id, action: 'create', reason: null, actor_id: null, at: created },
        { id: stableUuid(`${seed}/catalog/${kind}/submit`), catalog_id: id, action: 'submit', reason: null, actor_id: null, at: submitted },
        { id: stableUuid(`${seed}/catalog/${kind}/publish`), catalog_id: id, action: 'publish', reason: null, actor_id: null, at: published },
      ])
      .execute();
  }
}

function catalogId(seed: string, kind: 'projects' | 'institutions') {
  return stableUuid(`${seed}/catalog/${kind}/${PROGRAMME_YEAR}/1`);
}

function projectId(seed: string, p: { occupationCode: string; levelCode: string; trainingType: string }) {
  return stableUuid(`${seed}/project/${PROGRAMME_YEAR}/${p.occupationCode}/${p.levelCode}/${p.trainingType}`);
}

/** Never lowers a counter: GREATEST keeps what a concurrent issue may already have taken. */
async function reserveSerials(trx: Tx, plan: DemoProgramme, certificateSerials: Map<string, { year: number; last: number }>) {
  const rows = [
    ...[...plan.classSerials].map(([prefix, last]) => ({ kind: `class:${prefix}`, year: PROGRAMME_YEAR, last })),
    ...[...certificateSerials].map(([k, v]) => ({ kind: k.slice(0, k.lastIndexOf('@')), year: v.year, last: v.last })),
  ];
  if (rows.length === 0) return;
  await sql`
    INSERT INTO certificate_serials (kind, year, last)
    SELECT * FROM unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.year)}::int[], ${rows.map((r) => r.last)}::int[])
    ON CONFLICT (kind, year) DO UPDATE SET last = GREATEST(certificate_serials.last, EXCLUDED.last)`.execute(trx);
}

/**
 * Every certificate number of the programme, class by class in start-date order and trainee by trainee: the
 * counter kinds and formats of nextCertificateNumber (skill-level numbers per evaluator type, site and level;
 * the platform's per type), computed in memory.
 */
function certificateNumbers(seed: string, plan: DemoProgramme) {
  const serials = new Map<string, { year: number; last: number }>();
  let revoked = 0;
  /** In a data set too small for a revocation by chance, the first certificate not of the demo worker is revoked. */
  let forcedRevocation: string | null = null;
  const byClass: string[][] = plan.classes.map((c) => {
    if (c.status !== 'closed') return [];
    const a = demoClassActivity(seed, c);
    revoked += a.trainees.filter((t) => t.revoked).length;
    if (forcedRevocation === null) {
      const k = a.trainees.findIndex((t, i) => t.result?.result === 'pass' && !c.enrolments[i]!.demoWorker);
      if (k >= 0) forcedRevocation = `${c.index}/${k}`;
    }
    const type = certificateTypeOf(c.trainingType, c.levelCode);
    const issuer = plan.orgs[c.evaluator]!;
    const issuedOn = beijingDateOf(a.assessedAt!);
    const year = Number(issuedOn.slice(0, 4));
    const out: string[] = [];
    for (const t of a.trainees) {
      if (t.result?.result !== 'pass') continue;
      const evaluatorType = issuer.kind === 'enterprise' ? 'Y' : 'S';
      const site = issuer.unitCode.slice(0, 6);
      const kind = type === 'skill_level' ? `skill:${evaluatorType}:${site}:${Number(c.levelCode)}` : type;
      const counter = serials.get(`${kind}@${year}`) ?? { year, last: 0 };
      counter.last += 1;
      serials.set(`${kind}@${year}`, counter);
      out.push(
        type === 'skill_level'
          ? skillLevelCertificateNumber({ evaluatorType, bodyCode: '0000', siteCode: site, year, level: Number(c.levelCode), serial: counter.last })
          : platformCertificateNumber({ type: type as 'special_ability' | 'training_completion' | 'qualification', year, serial: counter.last }),
      );
    }
    return out;
  });
  return { byClass, serials, forcedRevocation: revoked === 0 ? forcedRevocation : null };
}

// ---------------------------------------------------------------------------------------------------------
// Class batches

type Rows = {
  classes: ReturnType<typeof classRow>[];
  sessions: { id: string; class_id: string; seq: number; starts_at: string; ends_at: string; minutes: number }[];
  decisions: { id: string; class_id: string; action: string; from_status: string | null; to_status: string; reasons: string | null; at: string }[];
  enrolments: { id: string; class_id: string; worker_id: string; subsidised: boolean; living_allowance: boolean; subsidy_year: number; outlook: string; enrolled_at: string }[];
  scans: Scans;
  marks: { id: string; class_id: string; session_id: string; worker_id: string; check_in_at: string; check_out_at: string; reason_code: string; note: string | null; created_at: string }[];
  markDecisions: { mark_id: string; decision: string; reason: string | null; at: string }[];
  completions: { enrolment_id: string; class_id: string; scheduled_minutes: number; attended_minutes: number; rate_per_mille: number; attended_days: number; completed: boolean; at: string }[];
  results: { enrolment_id: string; class_id: string; worker_id: string; result: string; score: number | null; evaluator_org_id: string; recorded_at: string }[];
  certificates: Awaited<ReturnType<typeof signedCertificateRow>>[];
  revocations: { certificate_id: string; reason: string; at: string }[];
};

function classRow(seed: string, plan: DemoProgramme, orgIds: readonly string[], c: DemoClass, a: DemoClassActivity) {
  return {
    id: demoIds.class(seed, c.key),
    org_id: orgIds[c.runner]!,
    unit_code: c.unitCode,
    status: c.status,
    created_at: iso(a.createdAt),
    code: c.code,
    name: c.name,
    catalog_project_id: projectId(seed, plan.projects[c.project]!),
    occupation_code: c.occupationCode,
    level_code: c.levelCode,
    training_type: c.trainingType,
    standard_hours: c.standardHours,
    subsidy_fen: c.subsidyFen,
    venue_address: c.venue.address,
    venue_lat: c.venue.lat,
    venue_lng: c.venue.lng,
    start_date: c.startDate,
    end_date: c.endDate,
    capacity: c.capacity,
    teachers: JSON.stringify(c.teachers),
    assessment_plan: c.assessmentPlan,
    responsible_department: c.responsibleDepartment,
    funding_route: c.fundingRoute,
    certificate_type: certificateTypeOf(c.trainingType, c.levelCode),
    scheduled_minutes: a.sessions.reduce((n, s) => n + s.minutes, 0),
    scheduled_days: a.sessions.length,
    evaluator_org_id: orgIds[c.evaluator]!,
    updated_at: iso(a.updatedAt),
  };
}

async function batchRows(
  deps: Deps,
  opts: ProgrammeSeedOptions,
  plan: DemoProgramme,
  numbers: ReturnType<typeof certificateNumbers>,
  key: SigningKey,
  from: number,
  to: number,
): Promise<Rows> {
  const { seed, orgIds } = opts;
  const rows: Rows = {
    classes: [],
    sessions: [],
    decisions: [],
    enrolments: [],
    scans: newScans(),
    marks: [],
    markDecisions: [],
    completions: [],
    results: [],
    certificates: [],
    revocations: [],
  };
  const signing: Promise<void>[] = [];
  for (let i = from; i < to; i++) {
    const c = plan.classes[i]!;
    const a = demoClassActivity(seed, c);
    const classId = demoIds.class(seed, c.key);
    rows.classes.push(classRow(seed, plan, orgIds, c, a));
    const sessionId = (seq: number) => stableUuid(`${seed}/session/${c.key}/${seq}`);
    for (const s of a.sessions) rows.sessions.push({ id: sessionId(s.seq), class_id: classId, seq: s.seq, starts_at: iso(s.start), ends_at: iso(s.end), minutes: s.minutes });
    a.decisions.forEach((d, k) =>
      rows.decisions.push({ id: stableUuid(`${seed}/decision/${c.key}/${k}`), class_id: classId, action: d.action, from_status: d.from, to_status: d.to, reasons: d.reasons === null ? null : JSON.stringify(d.reasons), at: iso(d.at) }),
    );
    const runner = plan.orgs[c.runner]!;
    const issuer = plan.orgs[c.evaluator]!;
    const type = certificateTypeOf(c.trainingType, c.levelCode);
    const passNumbers = numbers.byClass[i]!;
    rows.scans.classes.push(classId);
    const firstSession = rows.scans.sessions.length;
    for (const s of a.sessions) rows.scans.sessions.push(sessionId(s.seq));
    let passes = 0;
    a.trainees.forEach((t, k) => {
      const e = c.enrolments[k]!;
      const workerId = demoIds.worker(seed, e.worker);
      const enrolmentId = demoIds.enrolment(seed, c.key, e.worker);
      rows.enrolments.push({
        id: enrolmentId,
        class_id: classId,
        worker_id: workerId,
        subsidised: e.subsidised,
        living_allowance: e.outlook.livingAllowance,
        subsidy_year: e.outlook.year,
        outlook: JSON.stringify(e.outlook),
        enrolled_at: iso(t.enrolledAt),
      });
      addScans(rows.scans, enrolmentId, workerId, t.scans, firstSession);
      for (const m of t.marks) {
        const id = stableUuid(`${seed}/mark/${c.key}/${e.worker}/${m.session}`);
        rows.marks.push({ id, class_id: classId, session_id: sessionId(m.session), worker_id: workerId, check_in_at: iso(m.checkIn), check_out_at: iso(m.checkOut), reason_code: m.reasonCode, note: m.note, created_at: iso(m.createdAt) });
        if (m.decision) rows.markDecisions.push({ mark_id: id, decision: m.decision.decision, reason: m.decision.reason, at: iso(m.decision.at) });
      }
      if (t.completion) rows.completions.push({ enrolment_id: enrolmentId, class_id: classId, ...snake(t.completion), at: iso(a.completedAt!) });
      if (t.result) {
        rows.results.push({ enrolment_id: enrolmentId, class_id: classId, worker_id: workerId, result: t.result.result, score: t.result.score, evaluator_org_id: orgIds[c.evaluator]!, recorded_at: iso(a.assessedAt!) });
      }
      if (t.result?.result !== 'pass') return;
      const number = passNumbers[passes++]!;
      const person = demoWorker(seed, e.worker, opts.workers, DEMO_AS_OF);
      const certificateId = stableUuid(`${seed}/certificate/${c.key}/${e.worker}`);
      const subject: CertificateSubject = {
        id: certificateId,
        classId,
        enrolmentId,
        worker: { id: workerId, name: person.name, idNumber: person.idNumber, idMasked: maskIdNumber(person.idNumber) },
        type,
        occupation: { code: c.occupationCode, name: plan.projects[c.project]!.occupationName },
        level: c.levelCode !== 'special' ? { code: c.levelCode, name: levelName(c.levelCode) } : null,
        issuedOn: beijingDateOf(a.assessedAt!),
        issuer: { orgId: orgIds[c.evaluator]!, name: issuer.name, creditCode: issuer.creditCode, unitCode: issuer.unitCode, kind: issuer.kind },
        ...(type === 'training_completion' ? { training: { className: c.name, institution: runner.name, hours: c.standardHours } } : {}),
      };
      signing.push(
        signedCertificateRow(subject, number, key, { publicUrl: opts.publicUrl, now: new Date(a.assessedAt!), pii: deps.pii, verifyToken: demoVerifyToken(seed, number) }).then((row) => {
          rows.certificates.push(row);
        }),
      );
      const revoked = t.revoked ?? (numbers.forcedRevocation === `${i}/${k}` ? { reason: '经核查存在替考行为，撤销证书（§17）', at: a.assessedAt! + 30 * 86_400_000 } : null);
      if (revoked) rows.revocations.push({ certificate_id: certificateId, reason: revoked.reason, at: iso(revoked.at) });
    });
  }
  await Promise.all(signing);
  return rows;
}

function snake(x: { scheduledMinutes: number; attendedMinutes: number; ratePerMille: number; attendedDays: number; completed: boolean }) {
  return { scheduled_minutes: x.scheduledMinutes, attended_minutes: x.attendedMinutes, rate_per_mille: x.ratePerMille, attended_days: x.attendedDays, completed: x.completed };
}

/**
 * Attendance scans in compact columns: the class, session and person as 1-based positions in small id arrays
 * (so a batch sends each id once), the instant in epoch ms (at and slot are computed in SQL). A scan's id is
 * its enrolment's with the last four hex digits replaced by session × 2 + kind: stable, unique, no hashing.
 */
type Scans = { classes: string[]; sessions: string[]; workers: string[]; id: string[]; c: number[]; s: number[]; w: number[]; out: boolean[]; ms: number[] };

function newScans(): Scans {
  return { classes: [], sessions: [], workers: [], id: [], c: [], s: [], w: [], out: [], ms: [] };
}

/** Scans of one trainee of the class last pushed to `out.classes`, whose sessions start after `firstSession` in `out.sessions`. */
function addScans(out: Scans, enrolmentId: string, workerId: string, scans: readonly DemoScan[], firstSession: number) {
  out.workers.push(workerId);
  const prefix = enrolmentId.slice(0, 32);
  for (const x of scans) {
    out.id.push(prefix + (x.session * 2 + (x.kind === 'out' ? 1 : 0)).toString(16).padStart(4, '0'));
    out.c.push(out.classes.length);
    out.s.push(firstSession + x.session);
    out.w.push(out.workers.length);
    out.out.push(x.kind === 'out');
    out.ms.push(x.at);
  }
}

async function insertScans(q: Q, x: Scans) {
  if (x.id.length === 0) return;
  await sql`
    INSERT INTO attendance_scans (id, class_id, session_id, worker_id, kind, slot, at)
    SELECT u.id, (${x.classes}::uuid[])[u.c], (${x.sessions}::uuid[])[u.s], (${x.workers}::uuid[])[u.w],
      CASE WHEN u.out THEN 'out' ELSE 'in' END, floor(u.ms / 30000)::bigint, to_timestamp(u.ms / 1000.0)
    FROM unnest(${x.id}::uuid[], ${x.c}::int[], ${x.s}::int[], ${x.w}::int[], ${x.out}::boolean[], ${x.ms}::float8[]) AS u(id, c, s, w, out, ms)`.execute(q);
}

type Column = readonly [name: string, type: string, values: readonly unknown[]];

/**
 * INSERT … SELECT * FROM unnest($1::t1[], $2::t2[], …): one statement for the whole column set. No ON CONFLICT:
 * a batch commits with its seed_runs counter, so a resumed run never writes a row twice (and speculative
 * insertion would cost about a tenth more).
 */
async function bulk(q: Q, table: string, columns: readonly Column[]) {
  if (columns[0]![2].length === 0) return;
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
    SELECT * FROM unnest(${sql.join(columns.map(([, type, values]) => sql`${values}::${sql.raw(type)}[]`))})`.execute(q);
}

function columns<T extends Record<string, unknown>>(rows: readonly T[], types: { [K in keyof T]?: string }): Column[] {
  return (Object.keys(types) as (keyof T & string)[]).map((name) => [name, types[name]!, rows.map((r) => r[name] ?? null)] as const);
}

async function insertBatch(trx: Tx, r: Rows) {
  await bulk(
    trx,
    'training_classes',
    columns(r.classes, {
      id: 'uuid',
      org_id: 'uuid',
      unit_code: 'text',
      status: 'text',
      created_at: 'timestamptz',
      code: 'text',
      name: 'text',
      catalog_project_id: 'uuid',
      occupation_code: 'text',
      level_code: 'text',
      training_type: 'text',
      standard_hours: 'int',
      subsidy_fen: 'bigint',
      venue_address: 'text',
      venue_lat: 'float8',
      venue_lng: 'float8',
      start_date: 'date',
      end_date: 'date',
      capacity: 'int',
      teachers: 'jsonb',
      assessment_plan: 'text',
      responsible_department: 'text',
      funding_route: 'text',
      certificate_type: 'text',
      scheduled_minutes: 'int',
      scheduled_days: 'int',
      evaluator_org_id: 'uuid',
      updated_at: 'timestamptz',
    }),
  );
  await bulk(trx, 'class_sessions', columns(r.sessions, { id: 'uuid', class_id: 'uuid', seq: 'int', starts_at: 'timestamptz', ends_at: 'timestamptz', minutes: 'int' }));
  // Decisions in their order (seq is a bigserial: unnest WITH ORDINALITY keeps it chronological per class).
  if (r.decisions.length) {
    const d = r.decisions;
    await sql`
      INSERT INTO class_decisions (id, class_id, action, from_status, to_status, reasons, at)
      SELECT u.id, u.class_id, u.action, u.from_status, u.to_status, u.reasons, u.at
      FROM unnest(${d.map((x) => x.id)}::uuid[], ${d.map((x) => x.class_id)}::uuid[], ${d.map((x) => x.action)}::text[], ${d.map((x) => x.from_status)}::text[],
        ${d.map((x) => x.to_status)}::text[], ${d.map((x) => x.reasons)}::jsonb[], ${d.map((x) => x.at)}::timestamptz[])
        WITH ORDINALITY AS u(id, class_id, action, from_status, to_status, reasons, at, n)
      ORDER BY u.n`.execute(trx);
  }
  await bulk(
    trx,
    'enrolments',
    r.enrolments.length
      ? [
          ['id', 'uuid', r.enrolments.map((x) => x.id)],
          ['class_id', 'uuid', r.enrolments.map((x) => x.class_id)],
          ['worker_id', 'uuid', r.enrolments.map((x) => x.worker_id)],
          ['status', 'text', r.enrolments.map(() => 'active')],
          ['subsidised', 'boolean', r.enrolments.map((x) => x.subsidised)],
          ['living_allowance', 'boolean', r.enrolments.map((x) => x.living_allowance)],
          ['subsidy_year', 'int', r.enrolments.map((x) => x.subsidy_year)],
          ['outlook', 'jsonb', r.enrolments.map((x) => x.outlook)],
          ['enrolled_at', 'timestamptz', r.enrolments.map((x) => x.enrolled_at)],
        ]
      : [['id', 'uuid', []]],
  );
  await insertScans(trx, r.scans);
  await bulk(
    trx,
    'manual_marks',
    columns(r.marks, { id: 'uuid', class_id: 'uuid', session_id: 'uuid', worker_id: 'uuid', check_in_at: 'timestamptz', check_out_at: 'timestamptz', reason_code: 'text', note: 'text', created_at: 'timestamptz' }),
  );
  await bulk(trx, 'manual_mark_decisions', columns(r.markDecisions, { mark_id: 'uuid', decision: 'text', reason: 'text', at: 'timestamptz' }));
  await bulk(
    trx,
    'enrolment_completions',
    columns(r.completions, { enrolment_id: 'uuid', class_id: 'uuid', scheduled_minutes: 'int', attended_minutes: 'int', rate_per_mille: 'int', attended_days: 'int', completed: 'boolean', at: 'timestamptz' }),
  );
  await bulk(trx, 'assessment_results', columns(r.results, { enrolment_id: 'uuid', class_id: 'uuid', worker_id: 'uuid', result: 'text', score: 'int', evaluator_org_id: 'uuid', recorded_at: 'timestamptz' }));
  const c = r.certificates;
  await bulk(trx, 'certificates', [
    ['id', 'uuid', c.map((x) => x.id)],
    ['number', 'text', c.map((x) => x.number)],
    ['type', 'text', c.map((x) => x.type)],
    ['class_id', 'uuid', c.map((x) => x.class_id ?? null)],
    ['enrolment_id', 'uuid', c.map((x) => x.enrolment_id ?? null)],
    ['worker_id', 'uuid', c.map((x) => x.worker_id)],
    ['issuer_org_id', 'uuid', c.map((x) => x.issuer_org_id)],
    ['occupation_code', 'text', c.map((x) => x.occupation_code ?? null)],
    ['level_code', 'text', c.map((x) => x.level_code ?? null)],
    ['issued_on', 'date', c.map((x) => x.issued_on)],
    ['verify_token', 'text', c.map((x) => x.verify_token)],
    ['claims', 'jsonb', c.map((x) => x.claims)],
    ['jws', 'text', c.map((x) => x.jws)],
    ['kid', 'text', c.map((x) => x.kid)],
    ['holder_salt_sealed', 'bytea', c.map((x) => x.holder_salt_sealed ?? null)],
    ['issued_at', 'timestamptz', c.map((x) => iso(new Date(x.issued_at).getTime()))],
  ]);
  await bulk(trx, 'certificate_revocations', columns(r.revocations, { certificate_id: 'uuid', reason: 'text', at: 'timestamptz' }));
}

// ---------------------------------------------------------------------------------------------------------
// The current classes (relative to the clock)

async function insertCurrentClasses(trx: Tx, deps: Deps, opts: ProgrammeSeedOptions, plan: DemoProgramme) {
  const { seed, orgIds } = opts;
  const now = deps.clock.now().getTime();
  const today = beijingDateOf(now);
  const institution = plan.orgs.findIndex((o) => o.kind === 'institution');
  const evaluator = plan.orgs.findIndex((o) => o.institutionKind === 'evaluation');
  const inst = plan.orgs[institution]!;
  // Its own key-group projects (就业技能, 职业技能提升) first.
  const taught = [...new Set(plan.classes.filter((c) => c.runner === institution).map((c) => c.project))].map((i) => plan.projects[i]!);
  const keyGroup = taught.filter((p) => p.trainingType === 'employment_skill' || p.trainingType === 'skill_upgrade');
  const projects = keyGroup.length > 0 ? keyGroup : taught;
  if (projects.length === 0) return;
  const chosen = Array.from({ length: 5 }, (_, k) => projects[k % projects.length]!);
  const current = currentDemoClasses(
    today,
    chosen.map((p) => p.standardHours),
  );
  const prefix = inst.unitCode.slice(0, 6);
  const periods = new Map<string, number>();
  for (const c of plan.classes) if (c.runner === institution) periods.set(`${c.project}`, (periods.get(`${c.project}`) ?? 0) + 1);

  for (const [k, cur] of current.entries()) {
    const p = chosen[k]!;
    const classId = stableUuid(`${seed}/current/${cur.key}`);
    if (await trx.selectFrom('training_classes').select('id').where('id', '=', classId).executeTakeFirst()) continue;
    const year = Number(cur.startDate.slice(0, 4));
    const serial = await trx
      .insertInto('certificate_serials')
      .values({ kind: `class:${prefix}`, year, last: 1 })
      .onConflict((oc) => oc.columns(['kind', 'year']).doUpdateSet((eb) => ({ last: eb('certificate_serials.last', '+', 1) })))
      .returning('last')
      .executeTakeFirstOrThrow();
    const projectIndex = plan.projects.indexOf(p);
    const period = (periods.get(`${projectIndex}`) ?? 0) + 1;
    periods.set(`${projectIndex}`, period);
    const route = fundingRouteFor(p.trainingType, false);
    const venue = plan.classes.find((c) => c.runner === institution)!.venue;
    const decisions = cur.decisions;
    await trx
      .insertInto('training_classes')
      .values({
        id: classId,
        org_id: orgIds[institution]!,
        unit_code: inst.unitCode,
        status: cur.status,
        created_at: new Date(decisions[0]!.at),
        code: `${prefix}-${year}-${String(serial.last).padStart(5, '0')}`,
        name: demoClassName(p, period),
        catalog_project_id: projectId(seed, p),
        occupation_code: p.occupationCode,
        level_code: p.levelCode,
        training_type: p.trainingType,
        standard_hours: p.standardHours,
        subsidy_fen: p.subsidyFen,
        venue_address: venue.address,
        venue_lat: venue.lat,
        venue_lng: venue.lng,
        start_date: cur.startDate,
        end_date: cur.endDate,
        capacity: 40,
        teachers: JSON.stringify([
          { name: '王建军', qualification: `${p.occupationName}高级技师` },
          { name: '李晓燕', qualification: '一体化教师' },
        ]),
        assessment_plan: `第三方评价：理论知识考试（闭卷，90分钟）＋操作技能考核（90分钟），由${plan.orgs[evaluator]!.name}组织，均达60分为合格。`,
        responsible_department: 'hrss',
        funding_route: route,
        certificate_type: certificateTypeOf(p.trainingType, p.levelCode),
        scheduled_minutes: cur.sessions.reduce((n, s) => n + s.minutes, 0),
        scheduled_days: new Set(cur.sessions.map((s) => beijingDateOf(s.start))).size,
        evaluator_org_id: cur.status === 'filed' ? null : orgIds[evaluator]!,
        updated_at: new Date(decisions[decisions.length - 1]!.at),
      })
      .execute();
    const sessionIds = cur.sessions.map((s) => stableUuid(`${seed}/current/${cur.key}/session/${s.seq}`));
    await trx
      .insertInto('class_sessions')
      .values(cur.sessions.map((s, i) => ({ id: sessionIds[i]!, class_id: classId, seq: s.seq, starts_at: new Date(s.start), ends_at: new Date(s.end), minutes: s.minutes })))
      .execute();
    for (const [i, d] of decisions.entries()) {
      await trx
        .insertInto('class_decisions')
        .values({ id: stableUuid(`${seed}/current/${cur.key}/decision/${i}`), class_id: classId, action: d.action, from_status: d.from, to_status: d.to, reasons: null, actor_id: null, at: new Date(d.at) })
        .execute();
    }
    if (cur.trainees === 0) continue;

    // Free people of the unit (no class on these days), the demo worker first in the class in progress.
    const worker0 = demoIds.worker(seed, 0);
    const people = (await freeWorkers(trx, inst.unitCode, cur.startDate, cur.endDate, 400)).filter((w) => w !== worker0);
    if (cur.status === 'in_progress' && (await freeWorkers(trx, null, cur.startDate, cur.endDate, 1, worker0)).length) people.unshift(worker0);
    const outlooks = await outlooksFor(trx, people, { classId, trainingType: p.trainingType, occupationCode: p.occupationCode, levelCode: p.levelCode, startDate: cur.startDate, endDate: cur.endDate, fundingRoute: route });
    // Subsidised places first; in a small data set whose key groups are all busy, a few who pay themselves.
    const picked = people.filter((w, i) => (w === worker0 && cur.status === 'in_progress') || outlooks[i]!.subsidised).slice(0, cur.trainees);
    for (const w of people) if (picked.length < Math.ceil(cur.trainees / 2) && !picked.includes(w)) picked.push(w);
    if (picked.length === 0) continue;
    const enrolledAt = decisions.find((d) => d.action === 'approve')!.at + 2 * 3_600_000;
    const enrolmentIds = picked.map((w) => stableUuid(`${seed}/current/${cur.key}/enrolment/${w}`));
    await trx
      .insertInto('enrolments')
      .values(
        picked.map((w, i) => {
          const o = outlooks[people.indexOf(w)]!;
          return {
            id: enrolmentIds[i]!,
            class_id: classId,
            worker_id: w,
            status: 'active' as const,
            subsidised: o.subsidised,
            living_allowance: o.livingAllowance,
            subsidy_year: o.year,
            outlook: JSON.stringify(o),
            enrolled_by: null,
            enrolled_at: new Date(Math.min(enrolledAt, now)),
          };
        }),
      )
      .execute();

    // Scans of the sessions that are over; two manual marks awaiting the county office in the class in progress.
    const scans = currentAttendance(seed, cur.key, cur.sessions, picked.length, now);
    const pendingMarks: { trainee: number; session: number }[] = [];
    if (cur.status === 'in_progress' && picked.length >= 3 && cur.sessions[0]!.end < now) {
      for (const trainee of [1, 2]) {
        scans[trainee] = scans[trainee]!.filter((s) => s.session !== 1);
        pendingMarks.push({ trainee, session: 1 });
      }
    }
    const rows = newScans();
    rows.classes.push(classId);
    rows.sessions.push(...sessionIds);
    scans.forEach((list, i) => addScans(rows, enrolmentIds[i]!, picked[i]!, list, 0));
    await insertScans(trx, rows);
    for (const [n, m] of pendingMarks.entries()) {
      const s = cur.sessions[m.session - 1]!;
      await trx
        .insertInto('manual_marks')
        .values({
          id: stableUuid(`${seed}/current/${cur.key}/mark/${n}`),
          class_id: classId,
          session_id: sessionIds[m.session - 1]!,
          worker_id: picked[m.trainee]!,
          check_in_at: new Date(s.start - 5 * 60_000),
          check_out_at: new Date(s.end + 3 * 60_000),
          reason_code: n === 0 ? 'device_failure' : 'phone_unavailable',
          note: null,
          created_by: null,
          created_at: new Date(s.end + 2 * 3_600_000),
        })
        .execute();
    }
    if (cur.status === 'completed') {
      const completedAt = decisions[decisions.length - 1]!.at;
      const windows = cur.sessions.map((s) => ({ id: String(s.seq), start: s.start, end: s.end }));
      await trx
        .insertInto('enrolment_completions')
        .values(
          picked.map((_, i) => {
            const marks: AttendanceMark[] = [];
            const open = new Map<number, number>();
            for (const s of scans[i]!) {
              if (s.kind === 'in') open.set(s.session, s.at);
              else marks.push({ sessionId: String(s.session), checkIn: open.get(s.session)!, checkOut: s.at, source: 'qr' });
            }
            const sum = attendanceSummary(windows, marks);
            return {
              enrolment_id: enrolmentIds[i]!,
              class_id: classId,
              scheduled_minutes: sum.scheduledMinutes,
              attended_minutes: sum.attendedMinutes,
              rate_per_mille: sum.ratePerMille,
              attended_days: sum.attendedDays,
              completed: meetsCompletion(sum.rate, 80),
              at: new Date(completedAt),
            };
          }),
        )
        .execute();
    }
  }
}

/**
 * Workers with no active enrolment in a class whose dates meet [start, end], in id order (stable for a seed):
 * of a unit, or the given one.
 */
async function freeWorkers(trx: Tx, unitCode: string | null, start: string, end: string, limit: number, only?: string): Promise<string[]> {
  let q = trx
    .selectFrom('workers as w')
    .select('w.id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('enrolments as e')
            .innerJoin('training_classes as c', 'c.id', 'e.class_id')
            .select('e.id')
            .whereRef('e.worker_id', '=', 'w.id')
            .where('e.status', '=', 'active')
            .where('c.start_date', '<=', end)
            .where('c.end_date', '>=', start),
        ),
      ),
    )
    .orderBy('w.id')
    .limit(limit);
  if (unitCode) q = q.where('w.unit_code', '=', unitCode);
  if (only) q = q.where('w.id', '=', only);
  return (await q.execute()).map((r) => r.id);
}

/** subsidyOutlook (§13–§15) for each person, from their categories on the start date and their subsidised places. */
async function outlooksFor(
  trx: Tx,
  people: readonly string[],
  c: { classId: string; trainingType: TrainingType; occupationCode: string; levelCode: string; startDate: string; endDate: string; fundingRoute: FundingRoute },
) {
  if (people.length === 0) return [];
  const [cats, prior] = await Promise.all([
    trx.selectFrom('worker_categories').select(['worker_id', 'category_code', 'valid_from', 'valid_to']).where('worker_id', 'in', people).execute(),
    trx
      .selectFrom('enrolments as e')
      .innerJoin('training_classes as c', 'c.id', 'e.class_id')
      .select(['e.worker_id', 'e.subsidy_year', 'e.class_id', 'c.occupation_code', 'c.level_code'])
      .where('e.worker_id', 'in', people)
      .where('e.status', '=', 'active')
      .where('e.subsidised', '=', true)
      .execute(),
  ]);
  return people.map((w) => {
    const periods = cats.filter((x) => x.worker_id === w).map((x) => ({ code: x.category_code, validFrom: String(x.valid_from), validTo: x.valid_to === null ? null : String(x.valid_to) }));
    const priorSubsidised: PriorSubsidised[] = prior
      .filter((x) => x.worker_id === w)
      .map((x) => ({ year: x.subsidy_year, occupationCode: x.occupation_code ?? '', levelCode: x.level_code ?? '', classId: x.class_id }));
    return subsidyOutlook({
      classId: c.classId,
      personCategoriesOnStart: categoriesOn(periods, c.startDate),
      trainingType: c.trainingType,
      occupationCode: c.occupationCode,
      levelCode: c.levelCode,
      startDate: c.startDate,
      isEmployeeOfFilingEnterprise: false,
      fundingRoute: c.fundingRoute,
      priorSubsidised,
      completionYear: Number(c.endDate.slice(0, 4)),
      settings: DEFAULT_SUBSIDY_SETTINGS,
    });
  });
}
