import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ERROR_CATALOGUE } from '../errors.ts';
import { TRAINING_TYPES } from '../reference/catalog.ts';
import type { Problem } from '../registry/problems.ts';
import {
  DEPARTMENT_CODES,
  ENTERPRISE_TRAINING_TYPES,
  filerProblems,
  formatHours,
  FUNDING_ROUTES,
  fundingRouteFits,
  RESPONSIBLE_DEPARTMENTS,
  TRAINING_TYPE_CODES,
  validateClassFiling,
  type ClassFiler,
} from './classFiling.ts';

function expectRenderable(problems: readonly Problem[]) {
  for (const p of problems) for (const [, name] of ERROR_CATALOGUE[p.code].en.matchAll(/\{(\w+)\}/g)) expect(p.params, p.code).toHaveProperty(name!);
}

function problemsOf(result: ReturnType<typeof validateClassFiling>): [string, string][] {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (result.ok) return [];
  expectRenderable(result.problems);
  return result.problems.map((p) => [p.field, p.code]);
}

const institution: ClassFiler = {
  kind: 'institution',
  name: '运城市华夏职业培训学校',
  status: 'active',
  institutionKind: 'private',
  licensedOccupations: [
    { occupationCode: '6-31-01-03', levels: ['5', '4'] },
    { occupationCode: '4-10-01-06', levels: ['special'] },
  ],
};
const enterprise: ClassFiler = { kind: 'enterprise', name: '河津市金桥煤业有限公司', status: 'active' };

/** Six days, 08:30–12:00 and 14:00–17:30 each: 12 sessions, 42 hours. */
function timetable(firstDay = 15, days = 6) {
  const out: { start: string; end: string }[] = [];
  for (let d = firstDay; d < firstDay + days; d++) {
    const day = `2020-06-${String(d).padStart(2, '0')}`;
    out.push({ start: `${day}T08:30:00+08:00`, end: `${day}T12:00:00+08:00` });
    out.push({ start: `${day}T14:00:00+08:00`, end: `${day}T17:30:00+08:00` });
  }
  return out;
}

const filing = {
  project: { catalogProjectId: 'P2020-031', occupationCode: '6-31-01-03', levelCode: '5', trainingType: 'employment_skill', standardHours: 40 },
  unitCode: '140802',
  venue: { address: '运城市盐湖区解放南路 100 号', lat: 35.02, lng: 111.0 },
  startDate: '2020-06-15',
  endDate: '2020-06-20',
  sessions: timetable(),
  capacity: 50,
  teachers: [{ name: '王师傅', qualification: '高级技师' }],
  assessmentPlan: '理论考试 + 实操考核，由第三方评价机构组织',
  responsibleDepartment: 'hrss',
  fundingRoute: 'key_group',
};

describe('reference lists', () => {
  it('names every catalog training type, and the enterprise types of §1/§13', () => {
    expect([...TRAINING_TYPE_CODES].sort()).toEqual(TRAINING_TYPES.map((t) => t.code).sort());
    expect([...ENTERPRISE_TRAINING_TYPES].sort()).toEqual(['job_transfer', 'new_apprenticeship', 'on_job', 'pre_job', 'safety_skill']);
  });

  it('lists the departments of §保障(二)', () => {
    expect([...DEPARTMENT_CODES]).toEqual(RESPONSIBLE_DEPARTMENTS.map((d) => d.code));
    const names = RESPONSIBLE_DEPARTMENTS.map((d) => d.name).join();
    for (const short of ['人力资源社会保障', '教育', '农业农村', '退役军人', '司法', '文化和旅游', '卫生健康', '应急', '国有资产', '总工会', '妇联', '残联']) expect(names).toContain(short);
  });

  it('fits funding routes to training types', () => {
    expect(fundingRouteFits('enterprise_employee', 'safety_skill')).toBe(true);
    expect(fundingRouteFits('enterprise_employee', 'employment_skill')).toBe(false);
    expect(fundingRouteFits('key_group', 'pre_job')).toBe(false);
    for (const t of TRAINING_TYPE_CODES) {
      expect(fundingRouteFits('certificate', t)).toBe(true);
      expect(fundingRouteFits('unsubsidised', t)).toBe(true);
    }
    for (const r of FUNDING_ROUTES) expect(r.clause).toMatch(/^§/);
  });
});

describe('validateClassFiling', () => {
  it('accepts a complete filing and normalises it', () => {
    const result = validateClassFiling(filing, institution);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.value.scheduledMinutes).toBe(42 * 60);
    expect(result.value.scheduledDays).toBe(6);
    expect(result.value.sessions).toHaveLength(12);
    expect(result.value.sessions[0]).toMatchObject({ start: '2020-06-15T08:30:00+08:00', minutes: 210 });
    expect(result.value.project.catalogProjectId).toBe('P2020-031');
    expect(result.value.teachers).toEqual([{ name: '王师傅', qualification: '高级技师' }]);
  });

  it('sorts the timetable and accepts sessions that touch', () => {
    const sessions = [
      { start: '2020-06-16T10:00:00+08:00', end: '2020-06-16T17:00:00+08:00' },
      { start: '2020-06-15T10:00:00+08:00', end: '2020-06-15T17:00:00+08:00' },
      { start: '2020-06-15T17:00:00+08:00', end: '2020-06-15T21:00:00+08:00' },
      ...timetable(17, 4),
    ];
    const result = validateClassFiling({ ...filing, sessions }, institution);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.sessions.map((s) => s.start).slice(0, 3)).toEqual(['2020-06-15T10:00:00+08:00', '2020-06-15T17:00:00+08:00', '2020-06-16T10:00:00+08:00']);
  });

  it('accepts instants in UTC and epoch-equivalent offsets', () => {
    const sessions = timetable().map((s) => ({ start: new Date(Date.parse(s.start)).toISOString(), end: new Date(Date.parse(s.end)).toISOString() }));
    expect(validateClassFiling({ ...filing, sessions }, institution).ok).toBe(true);
  });

  it('refuses overlapping sessions, naming the later one', () => {
    const sessions = [...timetable(), { start: '2020-06-15T11:00:00+08:00', end: '2020-06-15T13:00:00+08:00' }];
    expect(problemsOf(validateClassFiling({ ...filing, sessions }, institution))).toEqual([['sessions.12', 'CLASS_SESSIONS_OVERLAP']]);
    // A session inside another one.
    const inside = [...timetable(), { start: '2020-06-16T09:00:00+08:00', end: '2020-06-16T10:00:00+08:00' }];
    expect(problemsOf(validateClassFiling({ ...filing, sessions: inside }, institution))).toEqual([['sessions.12', 'CLASS_SESSIONS_OVERLAP']]);
  });

  it('keeps sessions inside the class dates (Beijing days)', () => {
    const before = [{ start: '2020-06-14T20:00:00+08:00', end: '2020-06-14T22:00:00+08:00' }, ...timetable()];
    expect(problemsOf(validateClassFiling({ ...filing, sessions: before }, institution))).toEqual([['sessions.0', 'CLASS_SESSION_OUTSIDE_DATES']]);
    const after = [...timetable(), { start: '2020-06-20T23:00:00+08:00', end: '2020-06-21T00:30:00+08:00' }];
    expect(problemsOf(validateClassFiling({ ...filing, sessions: after }, institution))).toEqual([['sessions.12', 'CLASS_SESSION_OUTSIDE_DATES']]);
    // Ending exactly at midnight of the last day is still inside; 2020-06-14T16:30Z is 2020-06-15 00:30 in Beijing.
    const edges = [...timetable(), { start: '2020-06-20T22:00:00+08:00', end: '2020-06-21T00:00:00+08:00' }, { start: '2020-06-14T16:30:00Z', end: '2020-06-14T17:30:00Z' }];
    expect(validateClassFiling({ ...filing, sessions: edges }, institution).ok).toBe(true);
  });

  it('bounds each session between 30 minutes and 10 hours', () => {
    const at = (start: string, end: string) => [...timetable(), { start: `2020-06-20T${start}:00+08:00`, end: `2020-06-20T${end}:00+08:00` }];
    expect(validateClassFiling({ ...filing, sessions: at('18:00', '18:30') }, institution).ok).toBe(true);
    expect(problemsOf(validateClassFiling({ ...filing, sessions: at('18:00', '18:29') }, institution))).toEqual([['sessions.12', 'CLASS_SESSION_TOO_SHORT']]);
    const long = [...timetable(15, 5), { start: '2020-06-20T08:00:00+08:00', end: '2020-06-20T18:00:00+08:00' }];
    expect(validateClassFiling({ ...filing, sessions: long }, institution).ok).toBe(true);
    const tooLong = [...timetable(15, 5), { start: '2020-06-20T08:00:00+08:00', end: '2020-06-20T18:01:00+08:00' }];
    const result = validateClassFiling({ ...filing, sessions: tooLong }, institution);
    expect(problemsOf(result)).toEqual([['sessions.10', 'CLASS_SESSION_TOO_LONG']]);
    if (!result.ok) expect(result.problems[0]!.params).toMatchObject({ hours: '10.01', max: '10' });
    expect(problemsOf(validateClassFiling({ ...filing, sessions: at('18:00', '18:00') }, institution))).toEqual([['sessions.12.end', 'CLASS_SESSION_REVERSED']]);
  });

  it('needs the timetable to reach the standard hours (§7)', () => {
    const short = validateClassFiling({ ...filing, project: { ...filing.project, standardHours: 43 } }, institution);
    expect(problemsOf(short)).toEqual([['sessions', 'CLASS_HOURS_BELOW_STANDARD']]);
    if (!short.ok) expect(short.problems[0]!.params).toEqual({ hours: '42', standardHours: 43, minutesPerHour: 60 });
    expect(validateClassFiling({ ...filing, project: { ...filing.project, standardHours: 42 } }, institution).ok).toBe(true);
    // OPEN setting: 45-minute 学时 → 2520 / 45 = 56 学时.
    expect(validateClassFiling({ ...filing, project: { ...filing.project, standardHours: 56 } }, institution, { minutesPerStandardHour: 45 }).ok).toBe(true);
    expect(validateClassFiling({ ...filing, project: { ...filing.project, standardHours: 57 } }, institution, { minutesPerStandardHour: 45 }).ok).toBe(false);
  });

  it('reads session times strictly', () => {
    const bad = [{ start: '2020-06-15 08:30', end: '2020-06-15T12:00:00+08:00' }, { start: '2020-02-30T08:30+08:00', end: '2020-06-15T24:00+08:00' }, ...timetable(16, 5)];
    expect(problemsOf(validateClassFiling({ ...filing, sessions: bad }, institution))).toEqual([
      ['sessions.0.start', 'CLASS_SESSION_TIME_INVALID'],
      ['sessions.1.start', 'CLASS_SESSION_TIME_INVALID'],
      ['sessions.1.end', 'CLASS_SESSION_TIME_INVALID'],
    ]);
  });

  it('warns about a venue outside Yuncheng and a project outside the catalog, without blocking', () => {
    const result = validateClassFiling({ ...filing, venue: { ...filing.venue, lat: 37.87, lng: 112.55 }, project: { ...filing.project, catalogProjectId: null } }, institution);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((w) => [w.field, w.code])).toEqual([
      ['project.catalogProjectId', 'CLASS_PROJECT_OUTSIDE_CATALOG'],
      ['venue', 'CLASS_VENUE_OUTSIDE_CITY'],
    ]);
    expectRenderable(result.warnings);
    // The box's corners are inside.
    for (const [lat, lng] of [
      [34.6, 110.2],
      [35.8, 112.1],
    ])
      expect(validateClassFiling({ ...filing, venue: { ...filing.venue, lat, lng } }, institution)).toMatchObject({ ok: true, warnings: [] });
    expect(problemsOf(validateClassFiling({ ...filing, venue: { ...filing.venue, lat: 135, lng: 111 } }, institution))).toEqual([['venue', 'CLASS_VENUE_COORDINATES_INVALID']]);
  });

  it('lists every missing or malformed field at once', () => {
    const result = validateClassFiling(
      {
        project: { occupationCode: '631-01-03', levelCode: '6', trainingType: 'yoga', standardHours: 0 },
        unitCode: '110101',
        venue: { address: '  ', lat: 35, lng: 111 },
        startDate: '2020-06-31',
        endDate: '2020-06-20',
        sessions: [],
        capacity: 0,
        teachers: [],
        assessmentPlan: '   ',
        responsibleDepartment: 'police',
        fundingRoute: 'lottery',
        colour: 'red',
      },
      institution,
    );
    expect(problemsOf(result)).toEqual(
      expect.arrayContaining([
        ['project.occupationCode', 'ORG_OCCUPATION_CODE_INVALID'],
        ['project.levelCode', 'ORG_OCCUPATION_LEVEL_INVALID'],
        ['project.trainingType', 'CLASS_TRAINING_TYPE_INVALID'],
        ['project.standardHours', 'CLASS_STANDARD_HOURS_INVALID'],
        ['unitCode', 'ORG_UNIT_UNKNOWN'],
        ['venue.address', 'CLASS_VENUE_ADDRESS_REQUIRED'],
        ['startDate', 'CLASS_DATE_INVALID'],
        ['sessions', 'CLASS_SESSIONS_REQUIRED'],
        ['capacity', 'CLASS_CAPACITY_INVALID'],
        ['teachers', 'CLASS_TEACHERS_REQUIRED'],
        ['assessmentPlan', 'CLASS_ASSESSMENT_PLAN_REQUIRED'],
        ['responsibleDepartment', 'CLASS_DEPARTMENT_INVALID'],
        ['fundingRoute', 'CLASS_FUNDING_ROUTE_INVALID'],
        ['colour', 'UNKNOWN_FIELD'],
      ]),
    );
    expect(problemsOf(validateClassFiling({}, institution))).toEqual(
      expect.arrayContaining([
        ['project', 'CLASS_PROJECT_REQUIRED'],
        ['unitCode', 'ORG_UNIT_REQUIRED'],
        ['startDate', 'CLASS_DATE_REQUIRED'],
        ['responsibleDepartment', 'CLASS_DEPARTMENT_REQUIRED'],
        ['fundingRoute', 'CLASS_FUNDING_ROUTE_REQUIRED'],
      ]),
    );
    expect(problemsOf(validateClassFiling([], institution))).toEqual([['', 'CLASS_FILING_INPUT_INVALID']]);
    expect(problemsOf(validateClassFiling({ ...filing, teachers: [{ name: ' ' }] }, institution))).toEqual([['teachers.0.name', 'CLASS_TEACHER_NAME_REQUIRED']]);
    expect(problemsOf(validateClassFiling({ ...filing, endDate: '2020-06-14' }, institution))).toEqual([['endDate', 'CLASS_DATES_REVERSED']]);
  });

  it('keeps the funding route consistent with the training type', () => {
    expect(problemsOf(validateClassFiling({ ...filing, fundingRoute: 'enterprise_employee' }, institution))).toEqual([['fundingRoute', 'CLASS_FUNDING_ROUTE_MISMATCH']]);
    expect(validateClassFiling({ ...filing, fundingRoute: 'certificate' }, institution).ok).toBe(true);
  });
});

describe('the filer (§1, §6, §12, §13, §17)', () => {
  it('lets an institution file only within its licensed occupations and levels', () => {
    expect(problemsOf(validateClassFiling({ ...filing, project: { ...filing.project, levelCode: '3' } }, institution))).toEqual([['project', 'ORG_NOT_LICENSED']]);
    expect(problemsOf(validateClassFiling({ ...filing, project: { ...filing.project, occupationCode: '6-18-02-04' } }, institution))).toEqual([['project', 'ORG_NOT_LICENSED']]);
    expect(validateClassFiling({ ...filing, project: { ...filing.project, occupationCode: '4-10-01-06', levelCode: 'special' } }, institution).ok).toBe(true);
  });

  it('refuses a suspended or blacklisted organisation, with the decision', () => {
    const suspended = validateClassFiling(filing, { ...institution, status: 'suspended', statusReason: '虚报学员', statusSince: '2020-05-01' });
    expect(problemsOf(suspended)).toEqual([['filer', 'ORG_SUSPENDED']]);
    if (!suspended.ok) expect(suspended.problems[0]!.params).toMatchObject({ reason: '虚报学员', date: '2020-05-01' });
    expect(problemsOf(validateClassFiling(filing, { ...institution, status: 'blacklisted' }))).toEqual([['filer', 'ORG_BLACKLISTED']]);
    expect(problemsOf(validateClassFiling({ ...filing, project: { ...filing.project, trainingType: 'safety_skill' }, fundingRoute: 'enterprise_employee' }, { ...enterprise, status: 'blacklisted' }))).toEqual([
      ['filer', 'ORG_BLACKLISTED'],
    ]);
  });

  it('refuses an evaluation institution', () => {
    expect(problemsOf(validateClassFiling(filing, { ...institution, institutionKind: 'evaluation' }))).toEqual([['filer', 'CLASS_EVALUATION_BODY_CANNOT_FILE']]);
  });

  it('lets an enterprise file only its own training types, with no licence needed', () => {
    for (const trainingType of ENTERPRISE_TRAINING_TYPES) {
      const fundingRoute = fundingRouteFits('enterprise_employee', trainingType) ? 'enterprise_employee' : 'certificate';
      expect(validateClassFiling({ ...filing, project: { ...filing.project, occupationCode: '6-18-02-04', trainingType }, fundingRoute }, enterprise).ok, trainingType).toBe(true);
    }
    for (const trainingType of TRAINING_TYPE_CODES.filter((t) => !ENTERPRISE_TRAINING_TYPES.includes(t)))
      expect(filerProblems(enterprise, { ...filing.project, trainingType }).map((p) => p.code), trainingType).toEqual(['CLASS_TRAINING_TYPE_NOT_FOR_ENTERPRISE']);
  });
});

describe('formatHours', () => {
  it('shows hours with at most two decimals, in integers', () => {
    expect(formatHours(2520, 60)).toBe('42');
    expect(formatHours(2250, 60)).toBe('37.5');
    expect(formatHours(2535, 60)).toBe('42.25');
    expect(formatHours(100, 60)).toBe('1.66');
    expect(formatHours(90, 45)).toBe('2');
  });

  it('never exceeds the exact value (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 120 }), (m, per) => {
        const shown = Number(formatHours(m, per));
        expect(shown * per).toBeLessThanOrEqual(m + 1e-6);
        expect((shown + 0.01) * per).toBeGreaterThan(m - 1e-6);
      }),
    );
  });
});
