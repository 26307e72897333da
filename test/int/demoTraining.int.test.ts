import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf, verifyCredential } from '../../src/credentials/credential.ts';
import { parseCertificateNumber } from '../../src/credentials/certificateNumber.ts';
import { DEMO_AS_OF, seedDemo, stableUuid, type SeedResult } from '../../src/db/seed/demo.ts';
import { demoVerifyToken } from '../../src/db/seed/training.ts';
import { demoOrganisations } from '../../src/domain/demo/organisations.ts';
import { demoProgramme } from '../../src/domain/demo/training.ts';
import { demoWorker } from '../../src/domain/demo/workers.ts';
import { CLASS_TRANSITIONS } from '../../src/domain/training/classLifecycle.ts';
import { makePiiCipher } from '../../src/security/pii.ts';
import { makeSigningKeys } from '../../src/usecases/signingKeys.ts';
import { TestClock } from '../support/app.ts';
import { openTestDatabase, testDbKind, type TestDatabase } from '../support/db.ts';

/**
 * The demo programme year on a real database: the invariants the platform enforces hold for every generated row.
 * The clock is inside the programme year (1 June 2020, 10:00 Beijing), the hardest case: the demo institution's
 * current classes fall among the 2020 classes and must still respect capacity, clashes and the §15 limits.
 */
describe(`the demo programme year on ${testDbKind()}`, () => {
  const SEED = 'int-programme';
  const WORKERS = 1_000;
  const pii = makePiiCipher(randomBytes(32));
  const clock = new TestClock();
  let t: TestDatabase;
  let result: SeedResult;
  const count = async (query: string) => Number((await sql<{ n: string }>`${sql.raw(query)}`.execute(t.db)).rows[0]!.n);

  beforeAll(async () => {
    t = await openTestDatabase();
    const deps = { db: t.db, clock, pii };
    // Stopped after the first batch of classes, then started again: the run resumes and duplicates nothing.
    let batches = 0;
    await expect(
      seedDemo(deps, {
        scale: 'city',
        seed: SEED,
        workers: WORKERS,
        onProgress: (phase) => {
          if (phase === 'classes' && ++batches === 1) throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    expect(Number((await t.db.selectFrom('seed_runs').select('done').executeTakeFirstOrThrow()).done)).toBeGreaterThan(0);
    result = await seedDemo(deps, { scale: 'city', seed: SEED, workers: WORKERS });
  }, 240_000);
  afterAll(() => t?.dispose());

  it('publishes the 2020 catalogs, and every resumed row is there exactly once', async () => {
    const catalogs = await t.db.selectFrom('catalogs').select(['kind', 'status', 'version', 'year', 'published_at']).orderBy('kind').execute();
    expect(catalogs.map((c) => [c.kind, c.status, c.year, c.version])).toEqual([
      ['institutions', 'published', 2020, 1],
      ['projects', 'published', 2020, 1],
    ]);
    const projects = await count('SELECT count(*) AS n FROM catalog_projects');
    expect(projects).toBeGreaterThanOrEqual(40);
    expect(projects).toBeLessThanOrEqual(60);
    expect(await count("SELECT count(*) AS n FROM catalog_decisions WHERE action IN ('create', 'publish')")).toBe(4);
    // Catalog institutions are licensed for what they list.
    expect(
      await count(`SELECT count(*) AS n FROM catalog_institutions ci
        WHERE NOT EXISTS (SELECT 1 FROM organisation_licences l WHERE l.org_id = ci.org_id AND l.occupation_code = ci.occupation_code AND l.level_code = ci.level_code)`),
    ).toBe(0);

    const plan = demoProgramme(SEED, WORKERS, DEMO_AS_OF);
    expect(result.programme).toMatchObject({ classes: plan.classes.length });
    expect(await count("SELECT count(*) AS n FROM training_classes WHERE code LIKE '%-2020-%' AND status IN ('closed', 'cancelled', 'returned')")).toBe(plan.classes.length);
    expect(await count('SELECT count(*) AS n FROM training_classes')).toBe(plan.classes.length + 5);
    expect(await count("SELECT count(*) AS n FROM enrolments e JOIN training_classes c ON c.id = e.class_id WHERE c.status = 'closed'")).toBe(result.programme!.enrolments);
    expect(await count("SELECT count(*) AS n FROM certificates")).toBe(result.programme!.certificates);
    expect(await count('SELECT count(*) AS n FROM training_classes WHERE catalog_project_id IS NULL')).toBe(0);
  });

  it('never puts more trainees in a class than its capacity', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM training_classes c
        WHERE (SELECT count(*) FROM enrolments e WHERE e.class_id = c.id AND e.status = 'active') > c.capacity`),
    ).toBe(0);
    expect(await count("SELECT count(*) AS n FROM training_classes c WHERE c.status = 'closed' AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = c.id)")).toBe(0);
  });

  it('never has a person in two classes whose sessions overlap', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM enrolments e1
        JOIN enrolments e2 ON e2.worker_id = e1.worker_id AND e2.class_id > e1.class_id AND e2.status = 'active'
        JOIN class_sessions s1 ON s1.class_id = e1.class_id
        JOIN class_sessions s2 ON s2.class_id = e2.class_id AND s1.starts_at < s2.ends_at AND s2.starts_at < s1.ends_at
        WHERE e1.status = 'active'`),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM (SELECT 1 FROM enrolments GROUP BY class_id, worker_id HAVING count(*) > 1) x')).toBe(0);
  });

  it('subsidises at most 3 places a person a year, and never the same occupation and level twice (§15)', async () => {
    expect(await count('SELECT count(*) AS n FROM (SELECT 1 FROM enrolments WHERE subsidised GROUP BY worker_id, subsidy_year HAVING count(*) > 3) x')).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM (SELECT 1 FROM enrolments e JOIN training_classes c ON c.id = e.class_id
        WHERE e.subsidised AND e.status = 'active' GROUP BY e.worker_id, c.occupation_code, c.level_code HAVING count(*) > 1) x`),
    ).toBe(0);
    // The stored outlook is what decided the place; the year is the class's completion year.
    expect(await count("SELECT count(*) AS n FROM enrolments WHERE (outlook->>'subsidised')::boolean IS DISTINCT FROM subsidised")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM enrolments e JOIN training_classes c ON c.id = e.class_id WHERE e.subsidy_year <> extract(year FROM c.end_date)")).toBe(0);
    expect(await count('SELECT count(*) AS n FROM enrolments WHERE subsidised')).toBeGreaterThan((await count('SELECT count(*) AS n FROM enrolments')) * 0.6);
  });

  it('keeps every class status consistent with its decisions, in the lifecycle table', async () => {
    const rows = await t.db
      .selectFrom('class_decisions as d')
      .innerJoin('training_classes as c', 'c.id', 'd.class_id')
      .select(['d.class_id', 'd.action', 'd.from_status', 'd.to_status', 'd.at', 'c.status', 'c.start_date'])
      .orderBy('d.class_id')
      .orderBy('d.seq')
      .execute();
    const allowed = new Set(CLASS_TRANSITIONS.map((x) => `${x.from}>${x.to}>${x.action}`));
    const byClass = new Map<string, typeof rows>();
    for (const r of rows) byClass.set(r.class_id, [...(byClass.get(r.class_id) ?? []), r]);
    expect(byClass.size).toBe(await count('SELECT count(*) AS n FROM training_classes'));
    for (const [id, list] of byClass) {
      expect(list[0], id).toMatchObject({ action: 'create', from_status: null, to_status: 'draft' });
      for (let k = 1; k < list.length; k++) {
        const d = list[k]!;
        expect(d.from_status, id).toBe(list[k - 1]!.to_status);
        expect(allowed.has(`${d.from_status}>${d.to_status}>${d.action}`), `${id}: ${d.action}`).toBe(true);
        expect(new Date(d.at).getTime()).toBeGreaterThan(new Date(list[k - 1]!.at).getTime());
      }
      expect(list[list.length - 1]!.to_status, id).toBe(list[0]!.status);
      const filed = list.find((d) => d.action === 'file');
      if (filed) expect(new Date(`${list[0]!.start_date}T00:00:00+08:00`).getTime() - new Date(filed.at).getTime()).toBeGreaterThanOrEqual(6 * 86_400_000);
    }
    expect(await count("SELECT count(*) AS n FROM class_decisions WHERE action IN ('return', 'cancel') AND reasons IS NULL")).toBe(0);
    // Scans and manual marks belong to a session of their class, by an enrolled trainee, inside the scan window.
    expect(
      await count(`SELECT count(*) AS n FROM attendance_scans a JOIN class_sessions s ON s.id = a.session_id
        WHERE s.class_id <> a.class_id OR a.slot <> floor(extract(epoch FROM a.at) / 30)
          OR a.at < s.starts_at - interval '15 minutes' OR a.at > s.ends_at + interval '15 minutes'
          OR NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = a.class_id AND e.worker_id = a.worker_id AND e.status = 'active')`),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM attendance_scans')).toBeGreaterThan(WORKERS * 5);
    expect(
      await count(`SELECT count(*) AS n FROM manual_marks m JOIN class_sessions s ON s.id = m.session_id
        WHERE s.class_id <> m.class_id OR NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = m.class_id AND e.worker_id = m.worker_id)`),
    ).toBe(0);
    // Completions for every trainee of a completed class, results only for completers.
    expect(
      await count(`SELECT count(*) AS n FROM enrolments e JOIN training_classes c ON c.id = e.class_id
        WHERE c.status IN ('completed', 'assessed', 'closed') AND NOT EXISTS (SELECT 1 FROM enrolment_completions x WHERE x.enrolment_id = e.id)`),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM assessment_results r JOIN enrolment_completions x ON x.enrolment_id = r.enrolment_id WHERE NOT x.completed')).toBe(0);
    expect(await count("SELECT count(*) AS n FROM assessment_results r JOIN training_classes c ON c.id = r.class_id WHERE r.evaluator_org_id <> c.evaluator_org_id OR c.status <> 'closed'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM enrolment_completions x JOIN training_classes c ON c.id = x.class_id WHERE c.status = 'closed' AND x.completed AND NOT EXISTS (SELECT 1 FROM assessment_results r WHERE r.enrolment_id = x.enrolment_id)")).toBe(0);
  });

  it('issues certificates only to passed completers, numbered without gaps, each verifying with the published keys', async () => {
    expect(
      await count(`SELECT count(*) AS n FROM certificates z
        LEFT JOIN assessment_results r ON r.enrolment_id = z.enrolment_id
        LEFT JOIN enrolment_completions x ON x.enrolment_id = z.enrolment_id
        WHERE r.result IS DISTINCT FROM 'pass' OR x.completed IS NOT TRUE OR r.worker_id <> z.worker_id`),
    ).toBe(0);
    expect(await count("SELECT count(*) AS n FROM assessment_results r WHERE r.result = 'pass' AND NOT EXISTS (SELECT 1 FROM certificates z WHERE z.enrolment_id = r.enrolment_id)")).toBe(0);
    expect(await count('SELECT count(*) AS n FROM certificates z JOIN training_classes c ON c.id = z.class_id WHERE z.issuer_org_id <> c.evaluator_org_id OR z.type <> c.certificate_type')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM certificate_revocations')).toBeGreaterThanOrEqual(1);

    const keys = await makeSigningKeys({ db: t.db, clock, pii }).published();
    const certificates = await t.db.selectFrom('certificates').select(['number', 'type', 'jws', 'kid', 'verify_token', 'issued_on', 'worker_id']).execute();
    expect(certificates.length).toBeGreaterThan(WORKERS / 4);
    const serials = new Map<string, number[]>();
    for (const z of certificates) {
      const v = await verifyCredential(z.jws, keys);
      expect(v.valid, z.number).toBe(true);
      if (!v.valid) continue;
      expect(v.kid).toBe(z.kid);
      const claims = claimsOf(v.credential);
      expect(claims.number).toBe(z.number);
      expect(claims.issuedOn).toBe(String(z.issued_on));
      expect(z.verify_token).toBe(demoVerifyToken(SEED, z.number));
      const n = parseCertificateNumber(z.number);
      expect(n.ok).toBe(true);
      if (!n.ok) continue;
      const kind = n.format === 'skill_level' ? `${n.evaluatorType}${n.siteCode}${n.level}` : n.type;
      serials.set(`${kind}/${n.year}`, [...(serials.get(`${kind}/${n.year}`) ?? []), n.serial]);
    }
    // Serials run 1 … n per kind and year, and certificate_serials continues after them.
    for (const list of serials.values()) expect([...list].sort((a, b) => a - b)).toEqual(list.map((_, i) => i + 1));
    const stored = await t.db.selectFrom('certificate_serials').selectAll().execute();
    const total = stored.filter((s) => !s.kind.startsWith('class:')).reduce((n, s) => n + s.last, 0);
    expect(total).toBe(certificates.length);
    for (const s of stored.filter((x) => x.kind.startsWith('class:'))) {
      const prefix = s.kind.slice('class:'.length);
      expect(s.last).toBe(await count(`SELECT count(*) AS n FROM training_classes WHERE code LIKE '${prefix}-${s.year}-%'`));
    }
  });

  it('holds the claims of the right person: name and masked ID number of the demo worker', async () => {
    const person = demoWorker(SEED, 0, WORKERS, DEMO_AS_OF);
    const mine = await t.db.selectFrom('certificates').select(['jws', 'claims']).where('worker_id', '=', stableUuid(`${SEED}/worker/0`)).execute();
    expect(mine.length).toBeGreaterThanOrEqual(1);
    const claims = mine[0]!.claims as unknown as { holder: { name: string; idNumberMasked: string } };
    expect(claims.holder.name).toBe(person.name);
    expect(claims.holder.idNumberMasked).toBe(`${person.idNumber.slice(0, 6)}********${person.idNumber.slice(14)}`);
  });

  it('gives the demo accounts live data: institution, evaluator and worker', async () => {
    const users = await t.db.selectFrom('users').select(['username', 'role', 'org_id', 'worker_id']).execute();
    const user = (name: string) => users.find((u) => u.username === name)!;
    const orgs = demoOrganisations(SEED);
    const evaluator = user('evaluator');
    expect(evaluator.role).toBe('institution');
    expect(evaluator.org_id).toBe(stableUuid(`${SEED}/org/${orgs.find((o) => o.institutionKind === 'evaluation')!.creditCode}`));
    expect((await t.db.selectFrom('organisations').select('institution_kind').where('id', '=', evaluator.org_id!).executeTakeFirstOrThrow()).institution_kind).toBe('evaluation');
    expect(await count(`SELECT count(*) AS n FROM training_classes WHERE evaluator_org_id = '${evaluator.org_id}'`)).toBeGreaterThanOrEqual(5);
    expect(await count(`SELECT count(*) AS n FROM training_classes WHERE evaluator_org_id = '${evaluator.org_id}' AND status = 'completed'`)).toBe(1);

    const institution = user('institution').org_id!;
    const current = await t.db
      .selectFrom('training_classes')
      .select(['id', 'status', 'start_date', 'end_date'])
      .where('org_id', '=', institution)
      .where('status', 'in', ['filed', 'approved', 'in_progress', 'completed'])
      .orderBy('start_date')
      .execute();
    expect(current.map((c) => c.status).sort()).toEqual(['approved', 'completed', 'filed', 'filed', 'in_progress']);
    expect(await count(`SELECT count(*) AS n FROM training_classes WHERE org_id = '${institution}' AND status = 'closed'`)).toBeGreaterThanOrEqual(2);
    const running = current.find((c) => c.status === 'in_progress')!;
    // Today (1 June 2020 in Beijing) has sessions from 08:00 to 20:00, open now.
    const now = clock.now();
    expect(await count(`SELECT count(*) AS n FROM class_sessions WHERE class_id = '${running.id}' AND starts_at <= '${now.toISOString()}' AND ends_at > '${now.toISOString()}'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM class_sessions WHERE class_id = '${running.id}' AND starts_at = '2020-06-01T08:00:00+08:00'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM class_sessions WHERE class_id = '${running.id}' AND ends_at = '2020-06-01T20:00:00+08:00'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM manual_marks m WHERE m.class_id = '${running.id}' AND NOT EXISTS (SELECT 1 FROM manual_mark_decisions d WHERE d.mark_id = m.id)`)).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM enrolments WHERE class_id = '${running.id}'`)).toBeGreaterThanOrEqual(10);

    const worker = user('worker').worker_id!;
    const enrolments = await t.db
      .selectFrom('enrolments as e')
      .innerJoin('training_classes as c', 'c.id', 'e.class_id')
      .select(['c.id', 'c.status', 'c.start_date', 'c.end_date'])
      .where('e.worker_id', '=', worker)
      .execute();
    const past = enrolments.filter((e) => e.status === 'closed');
    expect(past.length).toBeGreaterThanOrEqual(2);
    expect(past.length).toBeLessThanOrEqual(3);
    expect(await count(`SELECT count(*) AS n FROM attendance_scans WHERE worker_id = '${worker}'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM certificates WHERE worker_id = '${worker}'`)).toBeGreaterThanOrEqual(1);
    // In the class running today unless the demo worker had a 2020 class on those days.
    const inRunning = enrolments.some((e) => e.id === running.id);
    const busy = past.some((e) => String(e.start_date) <= String(running.end_date) && String(e.end_date) >= String(running.start_date));
    expect(inRunning || busy).toBe(true);
  });

  it('runs again without changing anything', async () => {
    const before = await count('SELECT count(*) AS n FROM attendance_scans');
    const again = await seedDemo({ db: t.db, clock, pii }, { scale: 'city', seed: SEED, workers: WORKERS });
    expect(again.accounts).toBeNull();
    expect(await count('SELECT count(*) AS n FROM attendance_scans')).toBe(before);
  });
});
