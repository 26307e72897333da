import { beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../catalog/catalog.ts';
import { OCCUPATIONS } from '../reference/catalog.ts';
import { REPORTING_UNITS } from '../identity/divisions.ts';
import { categoriesOn } from '../registry/categories.ts';
import { attendanceSummary, meetsCompletion } from '../training/attendance.ts';
import { addDays, beijingDateOf, daysBetween } from '../training/calendar.ts';
import { ENTERPRISE_TRAINING_TYPES, insideYuncheng, validateClassFiling, type ClassFiler } from '../training/classFiling.ts';
import { CLASS_TRANSITIONS } from '../training/classLifecycle.ts';
import { subsidyOutlook, DEFAULT_SUBSIDY_SETTINGS } from '../training/enrolment.ts';
import { demoCategories } from './registryExtras.ts';
import {
  currentDemoClasses,
  daySessions,
  demoCatalogInstitutions,
  demoClassActivity,
  demoClassCount,
  demoEmployerIndex,
  demoEnterprisesByUnit,
  demoLicensedInstitutions,
  demoProgramme,
  type DemoClassActivity,
  type DemoProgramme,
} from './training.ts';
import { demoWorkers } from './workers.ts';

const SEED = 'unit-programme';
const WORKERS = 3_000;
const AS_OF = '2020-07-01';

describe('the demo programme year 2020', () => {
  let p: DemoProgramme;
  let activity: DemoClassActivity[];
  beforeAll(() => {
    p = demoProgramme(SEED, WORKERS, AS_OF);
    activity = p.classes.map((c) => demoClassActivity(SEED, c));
  });

  it('is a pure function of the seed', () => {
    const again = demoProgramme(SEED, WORKERS, AS_OF);
    expect(JSON.stringify(again.classes)).toBe(JSON.stringify(p.classes));
    expect(JSON.stringify(demoClassActivity(SEED, again.classes[7]!))).toBe(JSON.stringify(activity[7]));
    expect(JSON.stringify(demoProgramme('another seed', WORKERS, AS_OF).classes)).not.toBe(JSON.stringify(p.classes));
  });

  it('publishes 40–60 valid projects, and institutions only for what they are licensed for', () => {
    expect(p.projects.length).toBeGreaterThanOrEqual(40);
    expect(p.projects.length).toBeLessThanOrEqual(60);
    const known = new Set(OCCUPATIONS.map((o) => o.code));
    for (const project of p.projects) {
      expect(checkProject(project, known), JSON.stringify(project)).toEqual([]);
      expect(project.standardHours % 8).toBe(0);
      expect(project.standardHours).toBeGreaterThanOrEqual(16);
      expect(project.standardHours).toBeLessThanOrEqual(120);
      expect(Number.isInteger(project.subsidyFen)).toBe(true);
    }
    expect(new Set(p.projects.map((x) => `${x.occupationCode}|${x.levelCode}|${x.trainingType}`)).size).toBe(p.projects.length);
    const licensed = demoLicensedInstitutions(SEED, p.orgs);
    for (const item of demoCatalogInstitutions(SEED, p.orgs)) {
      const inst = licensed.find((x) => x.org === item.org)!;
      expect(inst.licences.some((l) => l.occupationCode === item.occupationCode && l.levels.includes(item.levelCode))).toBe(true);
      expect(p.orgs[item.org]!.institutionKind).not.toBe('evaluation');
    }
  });

  it('has one class per 25 workers across the 14 units, numbered per unit, spread over March to December', () => {
    expect(p.classes.length).toBe(demoClassCount(WORKERS));
    expect(demoClassCount(100_000)).toBe(4_000);
    expect(demoClassCount(300)).toBe(20);
    expect(new Set(p.classes.map((c) => c.unitCode)).size).toBe(REPORTING_UNITS.length);
    expect(new Set(p.classes.map((c) => c.code)).size).toBe(p.classes.length);
    for (const c of p.classes) {
      expect(c.code).toMatch(new RegExp(`^${c.unitCode.slice(0, 6)}-2020-\\d{5}$`));
      expect(c.startDate >= '2020-03-01' && c.startDate <= '2020-11-21').toBe(true);
      expect(c.endDate.slice(0, 4)).toBe('2020');
      expect(c.name).toMatch(/^.+（.+）.+第\d+期$/);
    }
    const statuses = new Set(p.classes.map((c) => c.status));
    expect([...statuses].sort()).toEqual(['cancelled', 'closed', 'returned']);
    expect(p.classes.filter((c) => c.status === 'closed').length / p.classes.length).toBeGreaterThan(0.9);
  });

  it('files every class as the platform would accept it (§6, §7, §12, §13)', () => {
    const licensed = new Map(demoLicensedInstitutions(SEED, p.orgs).map((x) => [x.org, x.licences]));
    for (const c of p.classes) {
      const runner = p.orgs[c.runner]!;
      const filer: ClassFiler =
        runner.kind === 'enterprise'
          ? { kind: 'enterprise', name: runner.name, status: 'active' }
          : { kind: 'institution', name: runner.name, status: 'active', institutionKind: runner.institutionKind ?? null, licensedOccupations: licensed.get(c.runner)! };
      const result = validateClassFiling(
        {
          project: { catalogProjectId: String(c.project), occupationCode: c.occupationCode, levelCode: c.levelCode, trainingType: c.trainingType, standardHours: c.standardHours },
          unitCode: c.unitCode,
          venue: c.venue,
          startDate: c.startDate,
          endDate: c.endDate,
          sessions: daySessions(c.days).map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
          capacity: c.capacity,
          teachers: c.teachers,
          assessmentPlan: c.assessmentPlan,
          responsibleDepartment: c.responsibleDepartment,
          fundingRoute: c.fundingRoute,
        },
        filer,
      );
      expect(result.ok ? [] : result.problems, c.code).toEqual([]);
      if (result.ok) expect(result.warnings).toEqual([]);
      expect(insideYuncheng(c.venue.lat, c.venue.lng)).toBe(true);
      if (runner.kind === 'enterprise') {
        expect(ENTERPRISE_TRAINING_TYPES).toContain(c.trainingType);
        expect(c.evaluator).toBe(c.runner);
        // No welders in a food factory.
        if (c.occupationCode === '6-18-02-04') expect(runner.industry).not.toMatch(/食品|医药|纺织|运输/);
      } else expect(p.orgs[c.evaluator]!.institutionKind).toBe('evaluation');
    }
    const enterpriseShare = p.classes.filter((c) => p.orgs[c.runner]!.kind === 'enterprise').length / p.classes.length;
    expect(enterpriseShare).toBeGreaterThan(0.05);
    expect(enterpriseShare).toBeLessThan(0.25);
  });

  it('keeps §13–§15: capacity, no overlapping classes, 3 subsidised places a year, no occupation and level twice', () => {
    const byWorker = new Map<number, { start: string; end: string; subsidised: boolean; year: number; key: string }[]>();
    for (const c of p.classes) {
      expect(c.enrolments.length).toBeLessThanOrEqual(c.capacity);
      expect(c.capacity).toBeGreaterThanOrEqual(20);
      expect(c.capacity).toBeLessThanOrEqual(60);
      if (c.status !== 'closed') expect(c.enrolments).toEqual([]);
      expect(new Set(c.enrolments.map((e) => e.worker)).size).toBe(c.enrolments.length);
      for (const e of c.enrolments) {
        expect(e.subsidised).toBe(e.outlook.subsidised);
        expect(e.outlook.year).toBe(Number(c.endDate.slice(0, 4)));
        byWorker.set(e.worker, [...(byWorker.get(e.worker) ?? []), { start: c.startDate, end: c.endDate, subsidised: e.subsidised, year: e.outlook.year, key: `${c.occupationCode}|${c.levelCode}` }]);
      }
    }
    for (const [w, list] of byWorker) {
      const sorted = [...list].sort((a, b) => (a.start < b.start ? -1 : 1));
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start > sorted[i - 1]!.end, `worker ${w}`).toBe(true);
      const subsidised = list.filter((x) => x.subsidised);
      for (const year of new Set(subsidised.map((x) => x.year))) expect(subsidised.filter((x) => x.year === year).length).toBeLessThanOrEqual(3);
      expect(new Set(subsidised.map((x) => x.key)).size).toBe(subsidised.length);
    }
    const enrolments = p.classes.reduce((n, c) => n + c.enrolments.length, 0);
    expect(enrolments).toBeGreaterThan(WORKERS * 0.5);
  });

  it('decides each subsidised place with the outlook of §13–§15, on the categories of the start date', () => {
    const workers = [...demoWorkers(SEED, WORKERS, AS_OF)];
    const byUnit = demoEnterprisesByUnit(p.orgs);
    const prior = new Map<number, { year: number; occupationCode: string; levelCode: string; classId: string }[]>();
    for (const c of p.classes) {
      for (const e of c.enrolments) {
        const categories = demoCategories(SEED, e.worker);
        const outlook = subsidyOutlook({
          classId: c.key,
          personCategoriesOnStart: categoriesOn(categories, c.startDate),
          trainingType: c.trainingType,
          occupationCode: c.occupationCode,
          levelCode: c.levelCode,
          startDate: c.startDate,
          isEmployeeOfFilingEnterprise: p.orgs[c.runner]!.kind === 'enterprise',
          fundingRoute: c.fundingRoute,
          priorSubsidised: prior.get(e.worker) ?? [],
          completionYear: 2020,
          settings: DEFAULT_SUBSIDY_SETTINGS,
        });
        expect(outlook).toEqual(e.outlook);
        if (e.subsidised) prior.set(e.worker, [...(prior.get(e.worker) ?? []), { year: 2020, occupationCode: c.occupationCode, levelCode: c.levelCode, classId: c.key }]);
        // Enterprise classes train the enterprise's own employees (§1, §13).
        if (p.orgs[c.runner]!.kind === 'enterprise') {
          const employed = categories.some((x) => x.employer && x.validFrom <= c.startDate && (x.validTo === null || c.startDate <= x.validTo));
          expect(employed).toBe(true);
          expect(demoEmployerIndex(byUnit, workers[e.worker]!.unitCode, e.worker)).toBe(c.runner);
        }
      }
    }
  });

  it('records each class step by step, filed at least 7 days before it starts', () => {
    const allowed = new Set(CLASS_TRANSITIONS.map((t) => `${t.from}>${t.to}>${t.action}`));
    p.classes.forEach((c, i) => {
      const a = activity[i]!;
      expect(a.decisions[0]).toMatchObject({ action: 'create', from: null, to: 'draft' });
      for (let k = 1; k < a.decisions.length; k++) {
        const d = a.decisions[k]!;
        expect(d.from).toBe(a.decisions[k - 1]!.to);
        expect(allowed.has(`${d.from}>${d.to}>${d.action}`), `${d.from} → ${d.to}`).toBe(true);
        expect(d.at).toBeGreaterThan(a.decisions[k - 1]!.at);
      }
      expect(a.decisions[a.decisions.length - 1]!.to).toBe(c.status);
      const filed = a.decisions.find((d) => d.action === 'file')!;
      expect(daysBetween(beijingDateOf(filed.at), c.startDate)).toBeGreaterThanOrEqual(7);
      if (c.status === 'returned' || c.status === 'cancelled') expect(a.decisions[a.decisions.length - 1]!.reasons).toBeTruthy();
      expect(a.sessions.reduce((n, s) => n + s.minutes, 0)).toBeGreaterThanOrEqual(c.standardHours * 60);
    });
  });

  it('completes trainees at 80 % attendance, assesses completers only, and most pass', () => {
    let trainees = 0;
    let completed = 0;
    let passed = 0;
    p.classes.forEach((c, i) => {
      const a = activity[i]!;
      expect(a.trainees.length).toBe(c.enrolments.length);
      const windows = a.sessions.map((s) => ({ id: String(s.seq), start: s.start, end: s.end }));
      for (const t of a.trainees) {
        trainees++;
        for (const s of t.scans) {
          const session = a.sessions[s.session - 1]!;
          expect(s.at).toBeGreaterThanOrEqual(session.start - 15 * 60_000);
          expect(s.at).toBeLessThanOrEqual(session.end + 15 * 60_000);
        }
        for (const m of t.marks) expect(m.decision!.at).toBeLessThan(a.completedAt!);
        const marks = [
          ...t.scans.filter((s) => s.kind === 'in').map((s) => ({ sessionId: String(s.session), checkIn: s.at, checkOut: t.scans.find((o) => o.kind === 'out' && o.session === s.session)!.at, source: 'qr' as const })),
          ...t.marks.map((m) => ({ sessionId: String(m.session), checkIn: m.checkIn, checkOut: m.checkOut, source: 'manual' as const, confirmation: m.decision!.decision })),
        ];
        const summary = attendanceSummary(windows, marks);
        expect(t.completion!.attendedMinutes).toBe(summary.attendedMinutes);
        expect(t.completion!.completed).toBe(meetsCompletion(summary.rate, 80));
        if (t.completion!.completed) completed++;
        expect(t.result !== null).toBe(t.completion!.completed);
        if (t.result?.result === 'pass') passed++;
        if (t.result && t.result.result !== 'absent') expect(t.result.score).toBeGreaterThanOrEqual(0);
      }
    });
    expect(completed / trainees).toBeGreaterThan(0.9);
    expect(completed / trainees).toBeLessThan(0.99);
    expect(passed / completed).toBeGreaterThan(0.8);
    expect(passed / completed).toBeLessThan(0.95);
  });

  it('gives the demo worker 2–3 classes, all passed, and the demo institution and evaluator classes of their own', () => {
    const mine = p.classes.filter((c) => c.enrolments.some((e) => e.worker === 0));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.length).toBeLessThanOrEqual(3);
    for (const c of mine) {
      const k = c.enrolments.findIndex((e) => e.worker === 0);
      expect(demoClassActivity(SEED, c).trainees[k]!.result?.result).toBe('pass');
    }
    const institution = p.orgs.findIndex((o) => o.kind === 'institution');
    const evaluator = p.orgs.findIndex((o) => o.institutionKind === 'evaluation');
    expect(p.classes.filter((c) => c.runner === institution && c.status === 'closed').length).toBeGreaterThanOrEqual(3);
    expect(p.classes.filter((c) => c.evaluator === evaluator).length).toBeGreaterThan(p.classes.length / 5);
  });
});

describe('the demo institution’s current classes', () => {
  it('are placed around today: filings to review, an approved class, one in progress today 08:00–20:00, one to assess', () => {
    const today = '2026-11-30';
    const list = currentDemoClasses(today, [40, 56, 24, 64, 32]);
    expect(list.map((c) => c.status)).toEqual(['filed', 'filed', 'approved', 'in_progress', 'completed']);
    for (const c of list.filter((x) => x.status === 'filed')) {
      expect(daysBetween(today, c.startDate)).toBeGreaterThanOrEqual(10);
      expect(daysBetween(today, c.startDate)).toBeLessThanOrEqual(20);
    }
    expect(list[2]!.startDate).toBe(addDays(today, 8));
    const running = list[3]!;
    expect(running.startDate < today && running.endDate > today).toBe(true);
    const todays = running.sessions.filter((s) => beijingDateOf(s.start) === today);
    expect(new Date(todays[0]!.start).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(new Date(todays[todays.length - 1]!.end).toISOString()).toBe('2026-11-30T12:00:00.000Z');
    expect(running.sessions.reduce((n, s) => n + s.minutes, 0)).toBeGreaterThanOrEqual(64 * 60);
    expect(list[4]!.endDate < today).toBe(true);
    for (const c of list) {
      expect(c.decisions[c.decisions.length - 1]!.to).toBe(c.status);
      for (let k = 1; k < c.decisions.length; k++) expect(c.decisions[k]!.from).toBe(c.decisions[k - 1]!.to);
      const filed = c.decisions.find((d) => d.action === 'file')!;
      expect(daysBetween(beijingDateOf(filed.at), c.startDate)).toBeGreaterThanOrEqual(7);
      for (let k = 1; k < c.sessions.length; k++) expect(c.sessions[k]!.start).toBeGreaterThanOrEqual(c.sessions[k - 1]!.end);
    }
  });
});
