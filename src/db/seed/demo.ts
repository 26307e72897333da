import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { CITY_CODE, type Role } from '../../domain/auth/permissions.ts';
import { demoOrganisations } from '../../domain/demo/organisations.ts';
import { demoWorker, demoWorkers, type DemoWorker } from '../../domain/demo/workers.ts';
import { demoCategories, demoEducationFund, demoLicences } from '../../domain/demo/registryExtras.ts';
import { demoEmployerIndex, demoEnterprisesByUnit } from '../../domain/demo/training.ts';
import { REPORTING_UNITS } from '../../domain/identity/divisions.ts';
import { maskIdNumber, maskPhone } from '../../domain/identity/idNumber.ts';
import type { PiiCipher } from '../../security/pii.ts';
import { generatePassword, hashPassword } from '../../security/passwords.ts';
import type { Clock, Db } from '../../usecases/context.ts';
import { writeWithAudit } from '../../usecases/tx.ts';
import { systemContext } from '../../usecases/context.ts';
import { seedProgramme } from './training.ts';
import { seedClaims } from './claims.ts';
import { seedReports } from './reports.ts';
import { makeAnalytics } from '../../usecases/analytics.ts';

/** Demo data sizes (issue: city ≈ Yuncheng's yearly programme; province and national for benchmarks). */
export const SCALES = { city: 100_000, province: 1_000_000, national: 10_000_000 } as const;
export type Scale = keyof typeof SCALES;

/** Ages 16–64 are counted on this date: the middle of the 2020 programme year. */
export const DEMO_AS_OF = '2020-07-01';
const BATCH = 5_000;

export type DemoAccount = { username: string; password: string; role: Role; displayName: string; scope: string };
export type SeedProgress = (phase: string, done: number, total: number) => void;
export type SeedResult = {
  accounts: DemoAccount[] | null;
  workers: number;
  organisations: number;
  /** The demo programme year (city scale only): classes, enrolments and certificates generated. */
  programme: { classes: number; enrolments: number; certificates: number } | null;
  resumed: boolean;
};

/** The phases of a seed run in order (seed_runs.phase); a stopped run resumes in the phase it was in. */
const PHASES = ['organisations', 'workers', 'catalogs', 'classes', 'current', 'finishing', 'done'] as const;

/** A UUID that is a pure function of its name, so a re-run or resumed seed writes the same rows. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const COUNTY_USERNAMES: Record<string, string> = {
  '140802': 'yanhu',
  '140821': 'linyi',
  '140822': 'wanrong',
  '140823': 'wenxi',
  '140824': 'jishan',
  '140825': 'xinjiang',
  '140826': 'jiangxian',
  '140827': 'yuanqu',
  '140828': 'xiaxian',
  '140829': 'pinglu',
  '140830': 'ruicheng',
  '140881': 'yongji',
  '140882': 'hejin',
  '140802404': 'kaifaqu',
};

export async function seedState(db: Db, scale: Scale) {
  return db.selectFrom('seed_runs').selectAll().where('scale', '=', scale).executeTakeFirst();
}

/** Has any demo seed finished on this database? */
export async function isSeeded(db: Db): Promise<boolean> {
  const r = await db.selectFrom('seed_runs').select('scale').where('finished_at', 'is not', null).executeTakeFirst();
  return !!r;
}

/**
 * Generate the deterministic synthetic Yuncheng: organisations, one user for every role (a county
 * officer for each of the 14 units), then the workers in batches, then — at city scale — the 2020
 * programme year (src/db/seed/training.ts): catalogs, classes, enrolments, attendance, results and
 * certificates, and a few classes of the demo institution around today. Resumable: a run that was stopped
 * continues where it left off, and the accounts (whose passwords are shown once) are created once.
 */
export async function seedDemo(
  deps: { db: Db; clock: Clock; pii: PiiCipher },
  opts: {
    scale: Scale;
    seed: string;
    onProgress?: SeedProgress;
    /** Called once, as soon as the accounts exist (before the bulk of the workers), with their passwords. */
    onAccounts?: (accounts: DemoAccount[]) => void;
    /** Tests only: fewer workers than the scale. */
    workers?: number;
    /** The platform's public address, for the certificates' verification links (default http://localhost:3000/). */
    publicUrl?: string;
  },
): Promise<SeedResult> {
  const { db, clock } = deps;
  const total = opts.workers ?? SCALES[opts.scale];
  const progress = opts.onProgress ?? (() => {});
  const existing = await seedState(db, opts.scale);
  if (existing?.finished_at) return { accounts: null, workers: total, organisations: 0, programme: null, resumed: false };
  if (!existing) {
    await db
      .insertInto('seed_runs')
      .values({ scale: opts.scale, seed: opts.seed, phase: 'organisations', done: 0, total, started_at: clock.now() })
      .execute();
  }
  const seed = existing?.seed ?? opts.seed;

  progress('organisations', 0, total);
  const orgs = demoOrganisations(seed);
  const orgIds = orgs.map((o) => stableUuid(`${seed}/org/${o.creditCode}`));
  await db.transaction().execute(async (trx) => {
    for (const [i, o] of orgs.entries()) {
      await trx
        .insertInto('organisations')
        .values({
          id: orgIds[i]!,
          kind: o.kind,
          name: o.name,
          credit_code: o.creditCode,
          institution_kind: o.institutionKind ?? null,
          admission_route: o.admissionRoute ?? null,
          industry: o.industry ?? null,
          high_risk: o.highRisk ?? false,
          unit_code: o.unitCode,
          employees: o.employees ?? null,
          capacity: o.capacity ?? null,
        })
        .onConflict((oc) => oc.column('credit_code').doNothing())
        .execute();
      await trx
        .insertInto('organisation_contacts')
        .values({ org_id: orgIds[i]!, position: 1, name: o.contactName, phone_cipher: deps.pii.encrypt(o.contactPhone), phone_masked: maskPhone(o.contactPhone) })
        .onConflict((oc) => oc.columns(['org_id', 'position']).doNothing())
        .execute();
    }
  });

  await db.transaction().execute(async (trx) => {
    for (const [i, o] of orgs.entries()) {
      if (o.kind === 'institution' && o.institutionKind !== 'evaluation') {
        for (const l of demoLicences(seed, i)) {
          for (const level of l.levels) {
            await trx.insertInto('organisation_licences').values({ org_id: orgIds[i]!, occupation_code: l.occupationCode, level_code: level }).onConflict((oc) => oc.doNothing()).execute();
          }
        }
      }
      if (o.kind === 'enterprise') {
        for (const year of [2019, 2020]) {
          const f = demoEducationFund(seed, i, year, o.employees ?? 100);
          await trx
            .insertInto('enterprise_education_funds')
            .values({ org_id: orgIds[i]!, year, payroll_fen: f.payrollFen, education_fund_fen: f.educationFundFen, front_line_fen: f.frontLineFen, reported_at: clock.now() })
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
      }
    }
  });
  // The same employers the programme generator assumes (demo/training.ts).
  const enterprisesByUnit = demoEnterprisesByUnit(orgs);
  const employerOf = (unitCode: string, index: number) => orgIds[demoEmployerIndex(enterprisesByUnit, unitCode, index)]!;

  // The first worker exists before the accounts, so the demo worker can sign in while the rest load.
  await insertWorkers(deps, seed, [demoWorker(seed, 0, total, DEMO_AS_OF)], 0, employerOf);
  let accounts: DemoAccount[] | null = null;
  const haveUsers = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
  if (!haveUsers) {
    const institution = orgs.findIndex((o) => o.kind === 'institution');
    const evaluator = orgs.findIndex((o) => o.institutionKind === 'evaluation');
    const enterprise = orgs.findIndex((o) => o.kind === 'enterprise');
    accounts = await createDemoUsers(deps, {
      institution: { id: orgIds[institution]!, name: orgs[institution]!.name },
      evaluator: { id: orgIds[evaluator]!, name: orgs[evaluator]!.name },
      enterprise: { id: orgIds[enterprise]!, name: orgs[enterprise]!.name },
      worker: { id: stableUuid(`${seed}/worker/0`), name: demoWorker(seed, 0, total, DEMO_AS_OF).name },
    });
    opts.onAccounts?.(accounts);
  }

  const phase = PHASES.indexOf((existing?.phase ?? 'organisations') as (typeof PHASES)[number]);
  if (phase <= PHASES.indexOf('workers')) {
    const startAt = Math.max(1, Number(existing?.done ?? 0));
    for (let from = startAt; from < total; from += BATCH) {
      const to = Math.min(total, from + BATCH);
      await insertWorkers(deps, seed, [...demoWorkers(seed, total, DEMO_AS_OF, from, to)], from, employerOf);
      await db.updateTable('seed_runs').set({ phase: 'workers', done: to }).where('scale', '=', opts.scale).execute();
      progress('workers', to, total);
    }
    await db.updateTable('seed_runs').set({ phase: 'catalogs', done: 0 }).where('scale', '=', opts.scale).execute();
  }

  // The programme year is the city demo's; the province and national scales benchmark the registry only.
  let programme: SeedResult['programme'] = null;
  if (opts.scale === 'city' && phase < PHASES.indexOf('finishing')) {
    programme = await seedProgramme(deps, {
      scale: opts.scale,
      seed,
      workers: total,
      orgIds,
      publicUrl: opts.publicUrl ?? 'http://localhost:3000/',
      progress,
      phase: phase <= PHASES.indexOf('workers') ? 'catalogs' : PHASES[phase]!,
      done: Number(existing?.done ?? 0),
    });
  }
  // The 2020 subsidy claims at every stage, targets and employment records (issues #5, #6).
  if (opts.scale === 'city') {
    await seedClaims({ ...deps, publicUrl: opts.publicUrl ?? 'http://localhost:3000/' }, { seed, maxClaims: Math.max(20, Math.min(200, Math.round(total / 500))), progress: (d, n) => progress('claims', d, n) });
    // Planner statistics (PGlite runs no autovacuum: without them the reports' plans degrade badly), then the
    // reports' analytics table (ADR 0011), so the reports below and the first dashboards read it.
    await sql`ANALYZE`.execute(db);
    await makeAnalytics({ db, clock }).refresh();
    // The approved 2020 reports and the blacklist the public disclosure site shows (§17).
    await seedReports(deps, { seed, progress: (d, n) => progress('reports', d, n) });
  }
  await db.updateTable('seed_runs').set({ phase: 'done', done: total, finished_at: clock.now() }).where('scale', '=', opts.scale).execute();
  progress('done', total, total);
  return { accounts, workers: total, organisations: orgs.length, programme, resumed: !!existing };
}

/** Bulk insert through unnest(): one statement per batch, the same on PGlite and PostgreSQL. */
async function insertWorkers(
  deps: { db: Db; pii: PiiCipher },
  seed: string,
  workers: DemoWorker[],
  firstIndex: number,
  employerOf: (unitCode: string, index: number) => string,
) {
  const { pii } = deps;
  const cols = {
    id: [] as string[],
    name: [] as string[],
    gender: [] as string[],
    birth: [] as string[],
    idCipher: [] as Buffer[],
    idBlind: [] as string[],
    idMasked: [] as string[],
    phoneCipher: [] as Buffer[],
    phoneBlind: [] as string[],
    phoneMasked: [] as string[],
    unit: [] as string[],
    county: [] as string[],
    township: [] as string[],
  };
  workers.forEach((w, k) => {
    cols.id.push(stableUuid(`${seed}/worker/${firstIndex + k}`));
    cols.name.push(w.name);
    cols.gender.push(w.gender);
    cols.birth.push(w.birthDate);
    cols.idCipher.push(pii.encrypt(w.idNumber));
    cols.idBlind.push(pii.blindIndex('id', w.idNumber));
    cols.idMasked.push(maskIdNumber(w.idNumber));
    cols.phoneCipher.push(pii.encrypt(w.phone));
    cols.phoneBlind.push(pii.blindIndex('phone', w.phone));
    cols.phoneMasked.push(maskPhone(w.phone));
    cols.unit.push(w.unitCode);
    cols.county.push(w.countyCode);
    cols.township.push(w.townshipCode);
  });
  await sql`
    INSERT INTO workers (id, name, gender, birth_date, id_cipher, id_blind, id_masked, phone_cipher, phone_blind, phone_masked, unit_code, county_code, township_code)
    SELECT * FROM unnest(${cols.id}::uuid[], ${cols.name}::text[], ${cols.gender}::char(1)[], ${cols.birth}::date[],
      ${cols.idCipher}::bytea[], ${cols.idBlind}::text[], ${cols.idMasked}::text[], ${cols.phoneCipher}::bytea[],
      ${cols.phoneBlind}::text[], ${cols.phoneMasked}::text[], ${cols.unit}::text[], ${cols.county}::text[], ${cols.township}::text[])
    ON CONFLICT (id_blind) DO NOTHING`.execute(deps.db);
  const cat = { id: [] as string[], worker: [] as string[], code: [] as string[], from: [] as string[], to: [] as (string | null)[], employer: [] as (string | null)[] };
  workers.forEach((w, k) => {
    const index = firstIndex + k;
    for (const c of demoCategories(seed, index)) {
      cat.id.push(stableUuid(`${seed}/category/${index}/${c.code}`));
      cat.worker.push(cols.id[k]!);
      cat.code.push(c.code);
      cat.from.push(c.validFrom);
      cat.to.push(c.validTo);
      cat.employer.push(c.employer ? employerOf(w.unitCode, index) : null);
    }
  });
  if (cat.id.length === 0) return;
  await sql`
    INSERT INTO worker_categories (id, worker_id, category_code, valid_from, valid_to, employer_org_id, source)
    SELECT *, 'demo' FROM unnest(${cat.id}::uuid[], ${cat.worker}::uuid[], ${cat.code}::text[], ${cat.from}::date[], ${cat.to}::date[], ${cat.employer}::uuid[])
    ON CONFLICT DO NOTHING`.execute(deps.db);
}

async function createDemoUsers(
  deps: { db: Db; clock: Clock },
  orgs: {
    institution: { id: string; name: string };
    evaluator: { id: string; name: string };
    enterprise: { id: string; name: string };
    worker: { id: string; name: string };
  },
): Promise<DemoAccount[]> {
  type Spec = { username: string; displayName: string; role: Role; unit_code: string | null; org_id: string | null; worker_id: string | null; scope: string };
  const none = { unit_code: null, org_id: null, worker_id: null };
  const specs: Spec[] = [
    { username: 'admin', displayName: '系统管理员', role: 'sysadmin', ...none, scope: '—' },
    { username: 'city', displayName: '市人社局职业能力建设科', role: 'city_office', ...none, unit_code: CITY_CODE, scope: '运城市' },
    { username: 'finance', displayName: '市财政局社保科', role: 'finance', ...none, unit_code: CITY_CODE, scope: '运城市' },
    { username: 'auditor', displayName: '市审计局', role: 'auditor', ...none, unit_code: CITY_CODE, scope: '运城市' },
    ...REPORTING_UNITS.map((u) => ({
      username: `county.${COUNTY_USERNAMES[u.code]}`,
      displayName: `${u.name}人社局`,
      role: 'county_office' as const,
      ...none,
      unit_code: u.code,
      scope: u.name,
    })),
    { username: 'institution', displayName: orgs.institution.name, role: 'institution', ...none, org_id: orgs.institution.id, scope: orgs.institution.name },
    // An evaluation institution (第三方评价机构, §10) signs in as an institution and records assessment results.
    { username: 'evaluator', displayName: orgs.evaluator.name, role: 'institution', ...none, org_id: orgs.evaluator.id, scope: orgs.evaluator.name },
    { username: 'enterprise', displayName: orgs.enterprise.name, role: 'enterprise', ...none, org_id: orgs.enterprise.id, scope: orgs.enterprise.name },
    { username: 'worker', displayName: orgs.worker.name, role: 'worker', ...none, worker_id: orgs.worker.id, scope: orgs.worker.name },
  ];
  const withPasswords = await Promise.all(specs.map(async (s) => ({ ...s, password: generatePassword(), hash: '' })));
  for (const s of withPasswords) s.hash = await hashPassword(s.password);
  await writeWithAudit(deps, systemContext('seed'), async (trx, now) => {
    for (const s of withPasswords) {
      await trx
        .insertInto('users')
        .values({
          id: randomUUID(),
          username: s.username,
          display_name: s.displayName,
          role: s.role,
          unit_code: s.unit_code,
          org_id: s.org_id,
          worker_id: s.worker_id,
          password_hash: s.hash,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    return { result: undefined, audit: { action: 'seed.demo_users', summary: { users: withPasswords.map((s) => s.username) } } };
  });
  return withPasswords.map((s) => ({ username: s.username, password: s.password, role: s.role, displayName: s.displayName, scope: s.scope }));
}
