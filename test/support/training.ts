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
