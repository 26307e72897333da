import { randomUUID } from 'node:crypto';
import { creditCodeFor } from './builders.ts';
import type { TestApp } from './app.ts';

/** An institution of a kind, licensed for (occupation, level) pairs. */
export async function insertInstitution(
  t: TestApp,
  opts: { unitCode?: string; name?: string; institutionKind?: 'private' | 'evaluation' | 'vocational_college'; licences?: [string, string][]; status?: 'active' | 'blacklisted' } = {},
) {
  const id = randomUUID();
  const unitCode = opts.unitCode ?? '140802';
  const kind = opts.institutionKind ?? 'private';
  await t.database.db
    .insertInto('organisations')
    .values({
      id,
      kind: 'institution',
      name: opts.name ?? `测试${kind === 'evaluation' ? '职业技能评价中心' : '职业培训学校'}${id.slice(0, 4)}`,
      credit_code: creditCodeFor(unitCode.slice(0, 6)),
      institution_kind: kind,
      admission_route: kind === 'evaluation' ? null : 'review_filing',
      unit_code: unitCode,
      status: opts.status ?? 'active',
      status_reason: opts.status === 'blacklisted' ? '虚报培训人数骗取补贴' : null,
      status_since: opts.status === 'blacklisted' ? '2020-03-01' : null,
    })
    .execute();
  for (const [occupation, level] of opts.licences ?? [['6-31-01-03', '4']]) {
    await t.database.db.insertInto('organisation_licences').values({ org_id: id, occupation_code: occupation, level_code: level }).execute();
  }
  return { id };
}

/** A person category for a worker, from `from` on. */
export async function addCategory(t: TestApp, workerId: string, code: string, from = '2019-01-01', employerOrgId: string | null = null) {
  await t.database.db
    .insertInto('worker_categories')
    .values({ id: randomUUID(), worker_id: workerId, category_code: code, valid_from: from, valid_to: null, employer_org_id: employerOrgId, source: 'test' })
    .execute();
}

/** Sessions of a day: 08:30–12:00 and 14:00–17:30 Beijing time (7 hours). */
export function dayOf(date: string) {
  return [
    { start: `${date}T08:30:00+08:00`, end: `${date}T12:00:00+08:00` },
    { start: `${date}T14:00:00+08:00`, end: `${date}T17:30:00+08:00` },
  ];
}

/** A valid class filing: two days of two sessions (14 hours), 电工 四级, key-group skill upgrade. */
export function classBody(overrides: Record<string, unknown> = {}, days: string[] = ['2020-06-10', '2020-06-11']) {
  return {
    name: '电工（四级）职业技能提升培训第1期',
    project: { catalogProjectId: null, occupationCode: '6-31-01-03', levelCode: '4', trainingType: 'skill_upgrade', standardHours: 14 },
    unitCode: '140802',
    venue: { address: '运城市盐湖区解放北路 100 号实训楼', lat: 35.03, lng: 111.0 },
    startDate: days[0],
    endDate: days[days.length - 1],
    sessions: days.flatMap(dayOf),
    capacity: 20,
    teachers: [{ name: '王建国', qualification: '高级技师' }],
    assessmentPlan: '理论考试 40% + 实操考核 60%',
    responsibleDepartment: 'hrss',
    fundingRoute: 'key_group',
    ...overrides,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed test answers
type Req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string | null, payload?: object) => Promise<{ statusCode: number; body: string; json(): any }>;

/**
 * Runs a class through the API from filing to 已归档: filed, approved, the people enrolled by ID number, a manual
 * mark per session and person (confirmed), completed, assessed (everyone passes, or as `results` says), closed.
 * The clock is moved (`jump`) to the class's day and past it; the caller's cookies are re-issued by `jump`.
 */
export async function runClassToClosed(opts: {
  req: Req;
  jump: (to: string) => Promise<void>;
  cookies: () => { inst: string; county: string; eval: string };
  evaluatorId: string;
  body: Record<string, unknown>;
  people: { idNumber: string }[];
  /** Sessions to mark per person index; default all. */
  attend?: (index: number, sessions: number) => number[];
  result?: (index: number) => 'pass' | 'fail' | 'absent';
}) {
  const { req, jump, cookies } = opts;
  const created = await req('POST', '/api/classes', cookies().inst, opts.body);
  if (created.statusCode !== 201) throw new Error(`create: ${created.body}`);
  const id = created.json().id as string;
  for (const [who, body] of [
    ['inst', { action: 'file' }],
    ['county', { action: 'approve', evaluatorOrgId: opts.evaluatorId, projectReviewNote: '同意' }],
  ] as const) {
    const r = await req('POST', `/api/classes/${id}/actions`, cookies()[who], body);
    if (r.statusCode !== 200) throw new Error(`${body.action}: ${r.body}`);
  }
  const enrolmentIds: string[] = [];
  for (const p of opts.people) {
    const r = await req('POST', `/api/classes/${id}/enrolments`, cookies().inst, { idNumber: p.idNumber, acceptUnsubsidised: true });
    if (r.statusCode !== 201) throw new Error(`enrol: ${r.body}`);
    enrolmentIds.push(r.json().id);
  }
  const sessions = (await req('GET', `/api/classes/${id}`, cookies().inst)).json().sessions as { id: string; start: string; end: string }[];
  await jump(new Date(Date.parse(sessions[0]!.start) - 5 * 60_000).toISOString());
  await req('POST', `/api/classes/${id}/actions`, cookies().inst, { action: 'start' });
  await jump(new Date(Date.parse(sessions[sessions.length - 1]!.end) + 60 * 60_000).toISOString());
  for (const [i, enrolmentId] of enrolmentIds.entries()) {
    for (const s of opts.attend ? opts.attend(i, sessions.length) : sessions.map((_, k) => k)) {
      const m = await req('POST', `/api/classes/${id}/manual-marks`, cookies().inst, { enrolmentId, sessionId: sessions[s]!.id, checkIn: sessions[s]!.start, checkOut: sessions[s]!.end, reasonCode: 'device_failure' });
      if (m.statusCode !== 201) throw new Error(`mark: ${m.body}`);
      const d = await req('POST', `/api/manual-marks/${m.json().id}/decision`, cookies().county, { decision: 'confirmed' });
      if (d.statusCode !== 204) throw new Error(`confirm: ${d.body}`);
    }
  }
  const done = await req('POST', `/api/classes/${id}/actions`, cookies().inst, { action: 'complete' });
  if (done.statusCode !== 200) throw new Error(`complete: ${done.body}`);
  const roster = (await req('GET', `/api/classes/${id}/enrolments`, cookies().inst)).json().items as { id: string; completed: boolean }[];
  const results = roster
    .filter((r) => r.completed)
    .map((r) => {
      const result = opts.result ? opts.result(enrolmentIds.indexOf(r.id)) : 'pass';
      return { enrolmentId: r.id, result, score: result === 'absent' ? null : result === 'pass' ? 85 : 40 };
    });
  const assessed = await req('POST', `/api/classes/${id}/results`, cookies().eval, { results });
  if (assessed.statusCode !== 200) throw new Error(`results: ${assessed.body}`);
  const closed = await req('POST', `/api/classes/${id}/actions`, cookies().inst, { action: 'close' });
  if (closed.statusCode !== 200) throw new Error(`close: ${closed.body}`);
  return { id, enrolmentIds, sessions };
}
