/**
 * The demo programme year 2020 (运城市职业技能提升培训, 运政办发〔2020〕14号): the published project and
 * institution catalogs, about one class per 25 workers over the 14 reporting units, who enrolled in each,
 * their attendance, completion, assessment results and which passes lead to a certificate. Pure and
 * deterministic: a function of (seed, number of workers) only, with the same rules the platform applies —
 * subsidyOutlook (§13–§15) decides every subsidised place, attendanceSummary / meetsCompletion (§10) every
 * completion. Timestamps are epoch milliseconds; dates are Asia/Shanghai days.
 *
 * What the data satisfies by construction (checked by the unit and integration tests):
 * - a class never has more trainees than its capacity;
 * - no one is in two classes whose dates overlap (classes are filled in start-date order and a person is
 *   free from the day after their last class ended);
 * - at most 3 subsidised places a person a year and never the same occupation and level subsidised twice
 *   (the outlook of §15 with the person's earlier subsidised places);
 * - institutions teach only what they are licensed and catalogued for (§6, §12); enterprises train only their
 *   own employees in the training types of §1 and §13, and evaluate them themselves (§10).
 *
 * The "current" classes of the demo institution (filed, approved, in progress, awaiting assessment) depend
 * on today's date: currentDemoClasses builds their timetables from a given day.
 */
import { REPORTING_UNITS, TOWNSHIPS, YUNCHENG_ETDZ_CODE } from '../identity/divisions.ts';
import { OCCUPATIONS, TRAINING_TYPES } from '../reference/catalog.ts';
import { categoriesOn } from '../registry/categories.ts';
import { attendanceSummary, meetsCompletion, type AttendanceMark, type ManualMarkReason } from '../training/attendance.ts';
import { addDays, beijingDateOf, beijingDayStart, daysBetween, HOUR_MS, MINUTE_MS } from '../training/calendar.ts';
import type { FundingRoute, ResponsibleDepartment, TrainingType } from '../training/classFiling.ts';
import { DEFAULT_SUBSIDY_SETTINGS, subsidyOutlook, type PriorSubsidised, type SubsidyOutlook } from '../training/enrolment.ts';
import { demoOrganisations, type DemoOrg } from './organisations.ts';
import { randomChineseName } from './people.ts';
import { createRng, rngFor, type Rng } from './random.ts';
import { demoCategories, demoLicences, type DemoCategory } from './registryExtras.ts';
import { demoWorkers } from './workers.ts';

export const PROGRAMME_YEAR = 2020;
/** §10 completion threshold used by the demo (the platform's default setting). */
export const DEMO_COMPLETION_PERCENT = 80;
/** One class per this many workers (city: 100,000 workers → 4,000 classes), at least MIN_DEMO_CLASSES. */
export const WORKERS_PER_CLASS = 25;
export const MIN_DEMO_CLASSES = 20;
/** A training day of the demo: one session 08:30–16:30 (8 学时). */
const DAY_SESSION = { startMinutes: 8 * 60 + 30, minutes: 480 } as const;

// ---------------------------------------------------------------------------------------------------------
// Organisations and employers

/** Enterprises of each reporting unit, as indices into demoOrganisations(seed), in list order. */
export function demoEnterprisesByUnit(orgs: readonly DemoOrg[]): Map<string, number[]> {
  const byUnit = new Map<string, number[]>();
  orgs.forEach((o, i) => {
    if (o.kind === 'enterprise') byUnit.set(o.unitCode, [...(byUnit.get(o.unitCode) ?? []), i]);
  });
  return byUnit;
}

/** The employer (an org index) of demo worker `index` living in `unitCode`, when it is an enterprise employee. */
export function demoEmployerIndex(byUnit: ReadonlyMap<string, readonly number[]>, unitCode: string, index: number): number {
  const local = byUnit.get(unitCode) ?? [...byUnit.values()].flat();
  return local[index % local.length]!;
}

/** Institutions that may run classes (every kind but evaluation bodies), with their licences, as in the demo seed. */
export function demoLicensedInstitutions(seed: string, orgs: readonly DemoOrg[]): { org: number; licences: { occupationCode: string; levels: string[] }[] }[] {
  return orgs.flatMap((o, i) => (o.kind === 'institution' && o.institutionKind !== 'evaluation' ? [{ org: i, licences: demoLicences(seed, i) }] : []));
}

// ---------------------------------------------------------------------------------------------------------
// The project catalog (§12)

export type DemoProject = {
  occupationCode: string;
  occupationName: string;
  levelCode: string;
  trainingType: TrainingType;
  standardHours: number;
  teachingPlanRef: string;
  syllabusRef: string;
  subsidyFen: number;
  /** Filed by enterprises for their own employees (§1, §13). */
  forEnterprises: boolean;
};

const LEVEL_ORDER = ['special', '5', '4', '3', '2', '1'];
/** Key-group projects in the catalog (more only when needed to give every institution one). */
const KEY_GROUP_PROJECTS = 40;
const LEVEL_SHORT: Record<string, string> = { special: '专项能力', '5': '五级', '4': '四级', '3': '三级', '2': '二级', '1': '一级' };

/** Enterprise projects (§1, §13): occupation × level × type. */
const ENTERPRISE_PROJECTS: readonly (readonly [occupation: string, level: string, type: TrainingType])[] = [
  ['6-31-01-03', '5', 'safety_skill'],
  ['6-31-01-03', '5', 'job_transfer'],
  ['6-31-01-03', '4', 'on_job'],
  ['6-31-01-03', '4', 'new_apprenticeship'],
  ['6-18-02-04', '5', 'safety_skill'],
  ['6-18-02-04', '5', 'pre_job'],
  ['6-18-02-04', '4', 'on_job'],
  ['6-20-03-03', '5', 'pre_job'],
  ['4-07-05-01', '5', 'pre_job'],
  ['4-12-01-01', '4', 'new_apprenticeship'],
];
/** Welders in metalworking, mining, chemicals and power; car mechanics in car making and transport; electricians and guards everywhere. */
function enterpriseTeaches(industry: string, occupationCode: string): boolean {
  if (occupationCode === '6-18-02-04' || occupationCode === '6-20-03-03') return /冶炼|设备制造|汽车制造|电气机械|开采|矿采选|非金属矿物|电力|化学原料|燃料加工/.test(industry);
  if (occupationCode === '4-12-01-01') return /汽车制造|道路运输/.test(industry);
  return true;
}

/** Two-after school leavers (§2 劳动预备) learn a trade at level 5. */
const LABOUR_PREPARATION = new Set(['4-12-01-01', '4-03-02-01', '4-03-02-02', '4-10-03-02']);
/** Small-business trades with entrepreneurship training (§2 创业培训). */
const ENTREPRENEURSHIP = new Set(['4-01-02-01', '4-03-02-02']);
/** High-skill training (§5) at level 3 for the trades short of technicians. */
const HIGH_SKILL = new Set(['6-31-01-03', '6-18-02-04', '4-12-01-01']);

const HOURS: Record<string, readonly [number, number]> = {
  special: [16, 32],
  '5': [32, 64],
  '4': [48, 80],
  '3': [64, 96],
};
const TYPE_HOURS: Partial<Record<TrainingType, readonly [number, number]>> = {
  safety_skill: [16, 24],
  pre_job: [24, 40],
  job_transfer: [32, 56],
  on_job: [24, 48],
  new_apprenticeship: [80, 120],
  high_skill: [80, 120],
  entrepreneurship: [48, 80],
  labour_preparation: [64, 120],
};

/** A multiple of 8 hours (whole training days) in [min, max]. */
function hoursIn(rng: Rng, [min, max]: readonly [number, number]): number {
  return rng.int(min / 8, max / 8) * 8;
}

function subsidyFor(rng: Rng, level: string, type: TrainingType): number {
  switch (type) {
    case 'safety_skill':
    case 'pre_job':
    case 'job_transfer':
      return 30_000; // §13: 300 CNY a trained employee, to the enterprise
    case 'on_job':
      return rng.int(24, 30) * 5_000;
    case 'new_apprenticeship':
      return 200_000;
    case 'high_skill':
      return rng.int(30, 40) * 5_000;
    default:
      // Key groups (§14): at most 1,000 CNY a person.
      if (level === 'special') return rng.int(12, 16) * 5_000;
      if (level === '5') return rng.int(16, 20) * 5_000;
      return 100_000;
  }
}

/**
 * The 2020 project catalog: key-group projects (就业技能 for 专项能力 and level 5, 职业技能提升 above) for the 40
 * occupations and levels most institutions are licensed for — and at least one for every institution — two each
 * for labour preparation, entrepreneurship and high skills where licensed, and the enterprise projects: 40–60.
 */
export function demoProjects(seed: string, orgs: readonly DemoOrg[] = demoOrganisations(seed)): DemoProject[] {
  const institutions = demoLicensedInstitutions(seed, orgs);
  const pairsOf = (inst: (typeof institutions)[number]) => inst.licences.flatMap((l) => l.levels.map((level) => `${l.occupationCode}|${level}`));
  const holders = new Map<string, number>();
  for (const inst of institutions) for (const pair of pairsOf(inst)) holders.set(pair, (holders.get(pair) ?? 0) + 1);
  const occOrder = (c: string) => OCCUPATIONS.findIndex((x) => x.code === c);
  const [occ, lvl] = [(pair: string) => pair.split('|')[0]!, (pair: string) => pair.split('|')[1]!];
  // The most widely licensed occupations and levels, and at least one for every institution.
  const byDemand = [...holders.keys()].sort((a, b) => holders.get(b)! - holders.get(a)! || occOrder(occ(a)) - occOrder(occ(b)) || LEVEL_ORDER.indexOf(lvl(a)) - LEVEL_ORDER.indexOf(lvl(b)));
  const chosen = new Set<string>();
  for (const inst of institutions) {
    const own = pairsOf(inst);
    if (!own.some((pair) => chosen.has(pair))) chosen.add(byDemand.find((pair) => own.includes(pair))!);
  }
  for (const pair of byDemand) if (chosen.size < KEY_GROUP_PROJECTS) chosen.add(pair);

  const keys: { occupation: string; level: string; type: TrainingType; enterprise: boolean }[] = [];
  const extras = { labour_preparation: 0, entrepreneurship: 0, high_skill: 0 };
  for (const o of OCCUPATIONS) {
    for (const level of LEVEL_ORDER) {
      if (!chosen.has(`${o.code}|${level}`)) continue;
      keys.push({ occupation: o.code, level, type: level === 'special' || level === '5' ? 'employment_skill' : 'skill_upgrade', enterprise: false });
      const extra = (type: keyof typeof extras) => {
        if (extras[type] >= 2) return;
        extras[type]++;
        keys.push({ occupation: o.code, level, type, enterprise: false });
      };
      if (level === '5' && LABOUR_PREPARATION.has(o.code)) extra('labour_preparation');
      if ((level === 'special' || level === '5') && ENTREPRENEURSHIP.has(o.code)) extra('entrepreneurship');
      if (level === '3' && HIGH_SKILL.has(o.code)) extra('high_skill');
    }
  }
  for (const [occupation, level, type] of ENTERPRISE_PROJECTS) keys.push({ occupation, level, type, enterprise: true });
  const typeOrder = (t: string) => TRAINING_TYPES.findIndex((x) => x.code === t);
  keys.sort((a, b) => occOrder(a.occupation) - occOrder(b.occupation) || LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || typeOrder(a.type) - typeOrder(b.type));
  return keys.map((k, i) => {
    const rng = createRng(`${seed}\u0000project\u0000${k.occupation}\u0000${k.level}\u0000${k.type}`);
    const n = String(i + 1).padStart(2, '0');
    return {
      occupationCode: k.occupation,
      occupationName: OCCUPATIONS.find((o) => o.code === k.occupation)!.name,
      levelCode: k.level,
      trainingType: k.type,
      standardHours: hoursIn(rng, TYPE_HOURS[k.type] ?? HOURS[k.level] ?? [40, 80]),
      teachingPlanRef: `运人社培〔${PROGRAMME_YEAR}〕教学计划-${n}`,
      syllabusRef: `运人社培〔${PROGRAMME_YEAR}〕教学大纲-${n}`,
      subsidyFen: subsidyFor(rng, k.level, k.type),
      forEnterprises: k.enterprise,
    };
  });
}

/** The institution catalog: every institution that may run classes, for each licensed occupation and level (§12). */
export function demoCatalogInstitutions(seed: string, orgs: readonly DemoOrg[] = demoOrganisations(seed)): { org: number; occupationCode: string; levelCode: string }[] {
  return demoLicensedInstitutions(seed, orgs).flatMap((inst) => inst.licences.flatMap((l) => l.levels.map((levelCode) => ({ org: inst.org, occupationCode: l.occupationCode, levelCode }))));
}

/** The funding route that fits a project's training type (classFiling FUNDING_ROUTES). */
export function fundingRouteFor(type: TrainingType, povertyProject: boolean): FundingRoute {
  if (type === 'pre_job' || type === 'safety_skill' || type === 'job_transfer') return 'enterprise_employee';
  if (type === 'employment_skill' || type === 'skill_upgrade' || type === 'labour_preparation' || type === 'entrepreneurship') return povertyProject ? 'poverty_project' : 'key_group';
  return 'certificate';
}

/** 创业培训 and 劳动预备培训 end with a 培训合格证书, everything else with the certificate of the level. */
export function leadsToCompletionCertificate(type: TrainingType): boolean {
  return type === 'entrepreneurship' || type === 'labour_preparation';
}

// ---------------------------------------------------------------------------------------------------------
// Classes

export type DemoClassStatus = 'closed' | 'cancelled' | 'returned';

export type DemoEnrolment = {
  worker: number;
  subsidised: boolean;
  outlook: SubsidyOutlook;
  /** The demo worker's own places: attended in full and passed, so the account has a certificate to show. */
  demoWorker: boolean;
};

export type DemoClass = {
  /** Position in start-date order, 0 … n − 1. */
  index: number;
  /** Stable name for ids: the unit and the class's number in its unit. */
  key: string;
  code: string;
  name: string;
  unitCode: string;
  /** Index into demoOrganisations(seed): the institution or enterprise running the class. */
  runner: number;
  /** The evaluation institution, or for an enterprise class the enterprise itself (§10). */
  evaluator: number;
  project: number;
  occupationCode: string;
  levelCode: string;
  trainingType: TrainingType;
  standardHours: number;
  subsidyFen: number;
  fundingRoute: FundingRoute;
  responsibleDepartment: ResponsibleDepartment;
  venue: { address: string; lat: number; lng: number };
  startDate: string;
  endDate: string;
  /** The training days, one 08:30–16:30 session each. */
  days: string[];
  capacity: number;
  teachers: { name: string; qualification: string }[];
  assessmentPlan: string;
  status: DemoClassStatus;
  enrolments: DemoEnrolment[];
};

export type DemoProgramme = {
  orgs: DemoOrg[];
  projects: DemoProject[];
  classes: DemoClass[];
  /** Per unit code prefix (6 digits), the last class serial used in 2020 (盐湖区 and the zone share 140802). */
  classSerials: Map<string, number>;
};

/** Approximate county seats (WGS-84), for venues; all inside classFiling's YUNCHENG_BOUNDS. */
const UNIT_CENTRES: Record<string, readonly [lat: number, lng: number]> = {
  '140802': [35.027, 111.007],
  '140821': [35.144, 110.774],
  '140822': [35.415, 110.838],
  '140823': [35.356, 111.221],
  '140824': [35.601, 110.983],
  '140825': [35.617, 111.225],
  '140826': [35.491, 111.568],
  '140827': [35.298, 111.67],
  '140828': [35.141, 111.22],
  '140829': [34.838, 111.217],
  '140830': [34.694, 110.694],
  '140881': [34.867, 110.448],
  '140882': [35.597, 110.712],
  [YUNCHENG_ETDZ_CODE]: [35.062, 111.045],
};
const STREETS = ['解放路', '人民路', '河东街', '学苑路', '工农街', '复旦路', '槐东路', '红旗街', '中银大道', '凤凰路', '建设路', '府西街', '新建路', '黄河大道'];
const QUALIFICATIONS = ['高级讲师', '讲师', '一体化教师', '高级技师', '技师', '高级工', '考评员'];
const CANCEL_REASONS = ['报名人数不足，申请撤销本期培训', '培训场地调整，另行备案', '受疫情防控要求影响，暂停开班', '授课教师变动，撤回备案'];
const RETURN_REASONS = ['教学计划实操课时安排不足，请补充后重新备案', '场地证明材料不全，请补充', '授课教师职业资格证书未上传', '考核方案未明确评价机构，请完善'];

/** 电工（四级）职业技能提升培训第12期: the project and the runner's period number. */
export function demoClassName(p: Pick<DemoProject, 'occupationName' | 'levelCode' | 'trainingType'>, period: number): string {
  return `${p.occupationName}（${LEVEL_SHORT[p.levelCode]}）${TRAINING_TYPES.find((t) => t.code === p.trainingType)!.name}第${period}期`;
}

/** How many classes for `workers` workers. */
export function demoClassCount(workers: number): number {
  return Math.max(MIN_DEMO_CLASSES, Math.round(workers / WORKERS_PER_CLASS));
}

function unitPlace(unitCode: string): string {
  const u = REPORTING_UNITS.find((x) => x.code === unitCode)!;
  return u.isDevelopmentZone ? u.name : `运城市${u.name}`;
}

/** The training venue of an organisation: an address in its unit and coordinates near the county seat. */
export function demoVenue(seed: string, org: DemoOrg, orgIndex: number): { address: string; lat: number; lng: number } {
  const rng = rngFor(`${seed}/venue`, orgIndex);
  const townships = TOWNSHIPS.filter((t) => (org.unitCode === YUNCHENG_ETDZ_CODE ? t.code === YUNCHENG_ETDZ_CODE : t.countyCode === org.unitCode && t.code !== YUNCHENG_ETDZ_CODE));
  const town = rng.pick(townships.slice(0, Math.min(4, townships.length)));
  const [lat, lng] = UNIT_CENTRES[org.unitCode]!;
  const building = org.kind === 'enterprise' ? '职工培训室' : rng.pick(['实训楼', '教学楼', '综合楼']);
  return {
    address: `${unitPlace(org.unitCode)}${town.name === '运城经济技术开发区' ? '' : town.name}${rng.pick(STREETS)}${rng.int(1, 399)}号 ${org.name}${building}`,
    lat: Math.round((lat + (rng.next() - 0.5) * 0.06) * 1e6) / 1e6,
    lng: Math.round((lng + (rng.next() - 0.5) * 0.06) * 1e6) / 1e6,
  };
}

/** Training days from `start`: `count` days, Sundays off. */
export function trainingDays(start: string, count: number): string[] {
  const days: string[] = [];
  for (let d = start; days.length < count; d = addDays(d, 1)) if (new Date(`${d}T00:00:00Z`).getUTCDay() !== 0) days.push(d);
  return days;
}

const DAY0 = Date.parse('1970-01-01T00:00:00Z');
function dayNumber(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - DAY0) / 86_400_000);
}

type WorkerFacts = {
  unit: Uint8Array;
  categories: DemoCategory[][];
  /** Employer org index of enterprise employees, −1 otherwise. */
  employer: Int16Array;
};

function workerFacts(seed: string, count: number, asOf: string, orgs: readonly DemoOrg[]): WorkerFacts {
  const unitIndex = new Map(REPORTING_UNITS.map((u, i) => [u.code, i]));
  const byUnit = demoEnterprisesByUnit(orgs);
  const unit = new Uint8Array(count);
  const employer = new Int16Array(count).fill(-1);
  const categories: DemoCategory[][] = new Array(count);
  let i = 0;
  for (const w of demoWorkers(seed, count, asOf)) {
    unit[i] = unitIndex.get(w.unitCode)!;
    const cats = demoCategories(seed, i);
    categories[i] = cats;
    if (cats.some((c) => c.employer)) employer[i] = demoEmployerIndex(byUnit, w.unitCode, i);
    i++;
  }
  return { unit, categories, employer };
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Largest-remainder split of `total` by weights, at least 1 each when total allows. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const base = weights.map((): number => (total >= weights.length ? 1 : 0));
  const rest = total - base.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * rest) / sum);
  const out = base.map((b, i) => b + Math.floor(exact[i]!));
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, missing = total - out.reduce((a, b) => a + b, 0); k < missing; k++) out[order[k % order.length]![1]]! += 1;
  return out;
}

function departmentFor(rng: Rng, occupationCode: string, type: TrainingType, route: FundingRoute): ResponsibleDepartment {
  if (route === 'poverty_project') return rng.next() < 0.5 ? 'poverty_alleviation' : 'hrss';
  if (type === 'safety_skill') return rng.next() < 0.5 ? 'emergency' : 'hrss';
  const r = rng.next();
  if (r < 0.82) return 'hrss';
  if (occupationCode === '5-05-01-00') return 'agriculture';
  if (occupationCode === '4-10-01-05' || occupationCode === '4-14-02-02') return 'health';
  if (occupationCode.startsWith('4-10-01')) return 'women_federation';
  if (occupationCode === '4-03-02-01' || occupationCode === '4-03-02-02') return 'commerce';
  if (occupationCode === '4-07-05-01') return 'veterans';
  return r < 0.9 ? 'trade_union' : 'education';
}

/**
 * The programme year: catalogs, classes with their enrolments. `workers` is the size of the demo worker set;
 * `asOf` the date the worker generator counts ages on (the seed's DEMO_AS_OF).
 */
export function demoProgramme(seed: string, workers: number, asOf: string): DemoProgramme {
  const orgs = demoOrganisations(seed);
  const projects = demoProjects(seed, orgs);
  const facts = workerFacts(seed, workers, asOf, orgs);
  const institutions = demoLicensedInstitutions(seed, orgs);
  const evaluators = orgs.flatMap((o, i) => (o.institutionKind === 'evaluation' ? [i] : []));
  const demoInstitution = orgs.findIndex((o) => o.kind === 'institution');

  // Enterprise employees in the data set, per enterprise.
  const employees = new Map<number, number[]>();
  facts.employer.forEach((e, w) => {
    if (e >= 0) employees.set(e, [...(employees.get(e) ?? []), w]);
  });

  // Classes per unit, after where the workers live.
  const perUnit = REPORTING_UNITS.map((_, u) => facts.unit.reduce((n, x) => n + (x === u ? 1 : 0), 0));
  const counts = apportion(demoClassCount(workers), perUnit.map((n) => Math.max(n, 1)));

  type Draft = Omit<DemoClass, 'index' | 'code' | 'name' | 'enrolments' | 'status'> & { unitIndex: number; j: number; status: DemoClassStatus };
  const drafts: Draft[] = [];
  REPORTING_UNITS.forEach((unit, u) => {
    const unitInstitutions = institutions.filter((inst) => orgs[inst.org]!.unitCode === unit.code);
    const unitEnterprises = orgs.flatMap((o, i) => (o.kind === 'enterprise' && o.unitCode === unit.code && (employees.get(i)?.length ?? 0) > 0 ? [i] : []));
    for (let j = 0; j < counts[u]!; j++) {
      const rng = rngFor(`${seed}/class/${unit.code}`, j);
      let runner: number;
      let project: number;
      const forced = unit.code === orgs[demoInstitution]!.unitCode && j < 4 ? demoInstitution : null;
      if (forced === null && unitEnterprises.length > 0 && rng.next() < 0.15) {
        runner = rng.weightedPick(unitEnterprises, unitEnterprises.map((e) => employees.get(e)!.length));
        const industry = orgs[runner]!.industry ?? '';
        const options = projects.flatMap((p, i) => (p.forEnterprises && enterpriseTeaches(industry, p.occupationCode) ? [i] : []));
        const risky = orgs[runner]!.highRisk === true;
        project = rng.weightedPick(options, options.map((i) => (projects[i]!.trainingType === 'safety_skill' ? (risky ? 4 : 1) : 1)));
      } else {
        const candidates = (forced === null ? unitInstitutions : institutions.filter((i) => i.org === forced))
          .map((inst) => ({
            inst,
            options: projects.flatMap((p, i) => (!p.forEnterprises && inst.licences.some((l) => l.occupationCode === p.occupationCode && l.levels.includes(p.levelCode)) ? [i] : [])),
          }))
          .filter((c) => c.options.length > 0);
        const pool = candidates.length > 0 ? candidates : institutions.map((inst) => ({ inst, options: projects.flatMap((p, i) => (!p.forEnterprises && inst.licences.some((l) => l.occupationCode === p.occupationCode && l.levels.includes(p.levelCode)) ? [i] : [])) })).filter((c) => c.options.length > 0);
        const chosen = rng.weightedPick(pool, pool.map((c) => Math.sqrt(orgs[c.inst.org]!.capacity ?? 100)));
        runner = chosen.inst.org;
        // Key-group projects are the bulk of the programme; high-skill and the rest are rarer.
        project = rng.weightedPick(chosen.options, chosen.options.map((i) => (['employment_skill', 'skill_upgrade'].includes(projects[i]!.trainingType) ? 6 : 1)));
      }
      const p = projects[project]!;
      const runnerOrg = orgs[runner]!;
      const isEnterprise = runnerOrg.kind === 'enterprise';
      const evaluator = isEnterprise ? runner : rng.weightedPick(evaluators, evaluators.map((_, k) => (k === 0 ? 2 : 1)));
      // Start between 1 March and 20 November, never on a Sunday.
      let startDate = addDays(`${PROGRAMME_YEAR}-03-01`, rng.int(0, daysBetween(`${PROGRAMME_YEAR}-03-01`, `${PROGRAMME_YEAR}-11-20`)));
      if (new Date(`${startDate}T00:00:00Z`).getUTCDay() === 0) startDate = addDays(startDate, 1);
      const days = trainingDays(startDate, Math.ceil((p.standardHours * 60) / DAY_SESSION.minutes));
      const route = fundingRouteFor(p.trainingType, !isEnterprise && rng.next() < 0.15);
      const r = rng.next();
      const status: DemoClassStatus = forced !== null ? 'closed' : r < 0.025 ? 'cancelled' : r < 0.04 ? 'returned' : 'closed';
      const teachers = Array.from({ length: rng.int(2, 4) }, (_, k) => ({
        name: randomChineseName(rng, rng.next() < 0.6 ? 'M' : 'F'),
        qualification: k === 0 ? `${p.occupationName}${rng.pick(['高级技师', '技师'])}` : rng.pick(QUALIFICATIONS),
      }));
      const evaluatorName = orgs[evaluator]!.name;
      drafts.push({
        key: `${unit.code}/${j}`,
        unitCode: unit.code,
        unitIndex: u,
        j,
        runner,
        evaluator,
        project,
        occupationCode: p.occupationCode,
        levelCode: p.levelCode,
        trainingType: p.trainingType,
        standardHours: p.standardHours,
        subsidyFen: p.subsidyFen,
        fundingRoute: route,
        responsibleDepartment: departmentFor(rng, p.occupationCode, p.trainingType, route),
        venue: demoVenue(seed, runnerOrg, runner),
        startDate,
        endDate: days[days.length - 1]!,
        days,
        capacity: rng.int(4, 12) * 5,
        teachers,
        assessmentPlan: leadsToCompletionCertificate(p.trainingType)
          ? `结业考核：理论考试（闭卷，60分钟）与结业作业评审，由${evaluatorName}组织，合格者颁发培训合格证书。`
          : `${isEnterprise ? '企业自主评价' : '第三方评价'}：理论知识考试（闭卷，90分钟）＋操作技能考核（${rng.pick([60, 90, 120])}分钟），由${evaluatorName}组织，均达60分为合格。`,
        status,
      });
    }
  });

  // Start-date order; class numbers per 6-digit unit prefix (盐湖区 and the zone share 140802) in that order.
  drafts.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.unitIndex - b.unitIndex || a.j - b.j));
  // The tests' small data sets still show one cancelled and one returned class.
  if (drafts.length >= MIN_DEMO_CLASSES) {
    for (const wanted of ['cancelled', 'returned'] as const) {
      if (drafts.some((d) => d.status === wanted)) continue;
      const victim = drafts.find((d, i) => i > 0 && d.status === 'closed' && d.runner !== demoInstitution);
      if (victim) victim.status = wanted;
    }
  }
  const classSerials = new Map<string, number>();
  const periods = new Map<string, number>();
  const classes: DemoClass[] = drafts.map((d, index) => {
    const prefix = d.unitCode.slice(0, 6);
    const serial = (classSerials.get(prefix) ?? 0) + 1;
    classSerials.set(prefix, serial);
    const periodKey = `${d.runner}/${d.project}`;
    const period = (periods.get(periodKey) ?? 0) + 1;
    periods.set(periodKey, period);
    const p = projects[d.project]!;
    const { unitIndex: _u, j: _j, ...rest } = d;
    return {
      ...rest,
      index,
      code: `${prefix}-${PROGRAMME_YEAR}-${String(serial).padStart(5, '0')}`,
      name: demoClassName(p, period),
      enrolments: [],
    };
  });

  enrol(seed, classes, facts, employees, orgs);
  return { orgs, projects, classes, classSerials };
}

/** Fills the classes in start-date order under the rules of §13–§15; see the file comment. */
function enrol(seed: string, classes: DemoClass[], facts: WorkerFacts, employees: ReadonlyMap<number, number[]>, orgs: readonly DemoOrg[]): void {
  const count = facts.unit.length;
  const busyUntil = new Int32Array(count).fill(-1);
  const priors = new Map<number, PriorSubsidised[]>();
  const pools = REPORTING_UNITS.map((_, u) => {
    const members: number[] = [];
    facts.unit.forEach((x, w) => {
      if (x === u && w !== 0) members.push(w);
    });
    return shuffled(createRng(`${seed}\u0000pool\u0000${u}`), members);
  });
  const everyone = shuffled(
    createRng(`${seed}\u0000pool\u0000all`),
    Array.from({ length: count }, (_, w) => w).filter((w) => w !== 0),
  );
  const unitIndex = new Map(REPORTING_UNITS.map((u, i) => [u.code, i]));

  // The demo worker's own classes: two or three institution classes weeks apart, in its unit when there are some.
  const mine = new Set<number>();
  if (count > 0) {
    const home = REPORTING_UNITS[facts.unit[0]!]!.code;
    const eligible = classes.filter((c) => c.status === 'closed' && orgs[c.runner]!.kind === 'institution');
    const chosen: DemoClass[] = [];
    for (const c of [...eligible.filter((x) => x.unitCode === home), ...eligible.filter((x) => x.unitCode !== home)]) {
      if (chosen.length >= 3) break;
      const apart = chosen.every((x) => dayNumber(c.startDate) > dayNumber(x.endDate) + 30 || dayNumber(x.startDate) > dayNumber(c.endDate) + 30);
      if (apart && !chosen.some((x) => x.occupationCode === c.occupationCode && x.levelCode === c.levelCode)) chosen.push(c);
    }
    for (const c of chosen) mine.add(c.index);
  }

  for (const c of classes) {
    if (c.status !== 'closed') continue;
    const rng = rngFor(`${seed}/enrol`, c.index);
    const start = dayNumber(c.startDate);
    const year = Number(c.endDate.slice(0, 4));
    const enterprise = orgs[c.runner]!.kind === 'enterprise';
    const target = Math.min(c.capacity, 20 + Math.floor((c.capacity - 20) * rng.next() ** 1.5));

    const outlookOf = (w: number): SubsidyOutlook => {
      const cats = categoriesOn(
        facts.categories[w]!.map((x) => ({ code: x.code, validFrom: x.validFrom, validTo: x.validTo })),
        c.startDate,
      );
      return subsidyOutlook({
        classId: c.key,
        personCategoriesOnStart: cats,
        trainingType: c.trainingType,
        occupationCode: c.occupationCode,
        levelCode: c.levelCode,
        startDate: c.startDate,
        isEmployeeOfFilingEnterprise: enterprise,
        fundingRoute: c.fundingRoute,
        priorSubsidised: priors.get(w) ?? [],
        completionYear: year,
        settings: DEFAULT_SUBSIDY_SETTINGS,
      });
    };
    const take = (w: number, outlook: SubsidyOutlook, demo: boolean) => {
      c.enrolments.push({ worker: w, subsidised: outlook.subsidised, outlook, demoWorker: demo });
      busyUntil[w] = dayNumber(c.endDate);
      if (outlook.subsidised) priors.set(w, [...(priors.get(w) ?? []), { year: outlook.year, occupationCode: c.occupationCode, levelCode: c.levelCode, classId: c.key }]);
    };
    /** Free on the start date and, for an enterprise class, employed there then. */
    const available = (w: number): boolean => {
      if (busyUntil[w]! >= start) return false;
      if (!enterprise) return true;
      return facts.categories[w]!.some((x) => x.employer && x.validFrom <= c.startDate && (x.validTo === null || c.startDate <= x.validTo));
    };
    /** Subsidised places are what people come for; a few pay themselves (or their employer does). */
    const wants = (outlook: SubsidyOutlook): boolean => outlook.subsidised || enterprise || rng.next() < 0.04;

    if (mine.has(c.index)) take(0, outlookOf(0), true);

    if (enterprise) {
      const staff = employees.get(c.runner) ?? [];
      const offset = staff.length ? rng.int(0, staff.length - 1) : 0;
      for (let k = 0; k < staff.length && c.enrolments.length < target; k++) {
        const w = staff[(offset + k) % staff.length]!;
        if (w === 0 || !available(w)) continue;
        const o = outlookOf(w);
        if (wants(o)) take(w, o, false);
      }
      continue;
    }
    const local = pools[unitIndex.get(c.unitCode)!]!;
    const cursors = [
      { list: local, at: local.length ? rng.int(0, local.length - 1) : 0, seen: 0 },
      { list: everyone, at: everyone.length ? rng.int(0, everyone.length - 1) : 0, seen: 0 },
    ];
    while (c.enrolments.length < target) {
      // Nine in ten from the class's own unit.
      let cursor = rng.next() < 0.9 ? cursors[0]! : cursors[1]!;
      if (cursor.seen >= cursor.list.length) cursor = cursor === cursors[0] ? cursors[1]! : cursors[0]!;
      if (cursor.seen >= cursor.list.length) break;
      let found = false;
      while (cursor.seen < cursor.list.length) {
        const w = cursor.list[cursor.at]!;
        cursor.at = (cursor.at + 1) % cursor.list.length;
        cursor.seen++;
        if (!available(w)) continue;
        const o = outlookOf(w);
        if (!wants(o)) continue;
        take(w, o, false);
        found = true;
        break;
      }
      if (!found && cursors.every((x) => x.seen >= x.list.length)) break;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// What happened in a class: sessions, decisions, attendance, completion, results

export type DemoSession = { seq: number; start: number; end: number; minutes: number };
export type DemoDecision = { action: string; from: string | null; to: string; at: number; reasons: string | null };
export type DemoScan = { session: number; kind: 'in' | 'out'; at: number };
export type DemoManualMark = {
  session: number;
  checkIn: number;
  checkOut: number;
  reasonCode: ManualMarkReason;
  note: string | null;
  createdAt: number;
  decision: { decision: 'confirmed' | 'refused'; reason: string | null; at: number } | null;
};
export type DemoTrainee = {
  enrolledAt: number;
  scans: DemoScan[];
  marks: DemoManualMark[];
  completion: { scheduledMinutes: number; attendedMinutes: number; ratePerMille: number; attendedDays: number; completed: boolean } | null;
  result: { result: 'pass' | 'fail' | 'absent'; score: number | null } | null;
  /** A passed certificate later revoked (§17), with the reason. */
  revoked: { reason: string; at: number } | null;
};
export type DemoClassActivity = {
  createdAt: number;
  updatedAt: number;
  sessions: DemoSession[];
  decisions: DemoDecision[];
  trainees: DemoTrainee[];
  /** When the evaluator recorded the results and the certificates were issued (closed classes). */
  assessedAt: number | null;
  completedAt: number | null;
};

const at = (date: string, hour: number, minute = 0) => beijingDayStart(date) + hour * HOUR_MS + minute * MINUTE_MS;

/** One 08:30–16:30 session per training day. */
export function daySessions(days: readonly string[]): DemoSession[] {
  return days.map((d, i) => {
    const start = beijingDayStart(d) + DAY_SESSION.startMinutes * MINUTE_MS;
    return { seq: i + 1, start, end: start + DAY_SESSION.minutes * MINUTE_MS, minutes: DAY_SESSION.minutes };
  });
}

const REVOKE_REASONS = ['经核查存在替考行为，撤销证书（§17）', '培训出勤记录经核查不实，撤销证书（§17）', '本人身份信息登记有误，撤销后重新申请'];

/** Attendance of one trainee over past sessions: scans, and manual marks standing in for missing ones. */
function attend(rng: Rng, sessions: readonly DemoSession[], profile: 'full' | 'good' | 'poor'): DemoScan[] {
  const scans: DemoScan[] = [];
  const n = sessions.length;
  let absentDays: Set<number>;
  if (profile === 'full') absentDays = new Set();
  else if (profile === 'poor') {
    // Attends 40–70 % of the days: below the 80 % completion threshold.
    const attended = Math.floor(n * (0.4 + rng.next() * 0.3));
    absentDays = new Set(shuffled(rng, sessions.map((s) => s.seq)).slice(0, n - attended));
  } else {
    // Misses at most one day in ten, and only in classes of five days or more.
    const allowance = n >= 5 ? Math.floor(n / 10) : 0;
    absentDays = new Set();
    for (const s of sessions) if (absentDays.size < allowance && rng.next() < 0.06) absentDays.add(s.seq);
  }
  for (const s of sessions) {
    if (absentDays.has(s.seq)) continue;
    const late = profile !== 'full' && rng.next() < 0.08;
    const early = profile !== 'full' && rng.next() < 0.04;
    const inAt = late ? s.start + rng.int(1, 40) * MINUTE_MS + rng.int(0, 59) * 1000 : s.start - rng.int(1, 14) * MINUTE_MS + rng.int(0, 59) * 1000;
    const outAt = early ? s.end - rng.int(10, 60) * MINUTE_MS - rng.int(0, 59) * 1000 : s.end + rng.int(0, 12) * MINUTE_MS + rng.int(0, 59) * 1000;
    scans.push({ session: s.seq, kind: 'in', at: inAt }, { session: s.seq, kind: 'out', at: outAt });
  }
  return scans;
}

/** Sessions, decisions and each trainee's attendance, completion and result: a pure function of the class. */
export function demoClassActivity(seed: string, c: DemoClass): DemoClassActivity {
  const rng = rngFor(`${seed}/activity/${c.key}`, c.index);
  const sessions = daySessions(c.days);
  const decisions: DemoDecision[] = [];
  const fileDay = addDays(c.startDate, -rng.int(10, 25));
  const createdAt = at(addDays(fileDay, -rng.int(1, 5)), 9, rng.int(0, 59));
  const filedAt = at(fileDay, rng.int(9, 16), rng.int(0, 59));
  const reviewedAt = at(addDays(fileDay, rng.int(1, 3)), rng.int(9, 17), rng.int(0, 59));
  decisions.push({ action: 'create', from: null, to: 'draft', at: createdAt, reasons: null });
  decisions.push({ action: 'file', from: 'draft', to: 'filed', at: filedAt, reasons: null });
  if (c.status === 'returned') {
    decisions.push({ action: 'return', from: 'filed', to: 'returned', at: reviewedAt, reasons: rng.pick(RETURN_REASONS) });
    return { createdAt, updatedAt: reviewedAt, sessions, decisions, trainees: [], assessedAt: null, completedAt: null };
  }
  decisions.push({ action: 'approve', from: 'filed', to: 'approved', at: reviewedAt, reasons: null });
  if (c.status === 'cancelled') {
    const cancelledAt = at(addDays(c.startDate, -rng.int(1, 3)), rng.int(9, 17), rng.int(0, 59));
    decisions.push({ action: 'cancel', from: 'approved', to: 'cancelled', at: Math.max(cancelledAt, reviewedAt + HOUR_MS), reasons: rng.pick(CANCEL_REASONS) });
    return { createdAt, updatedAt: decisions[decisions.length - 1]!.at, sessions, decisions, trainees: [], assessedAt: null, completedAt: null };
  }
  const startedAt = at(c.startDate, 8, rng.int(0, 20));
  const completedAt = at(c.endDate, 17, rng.int(5, 50));
  const assessDay = addDays(c.endDate, rng.int(2, 6));
  const assessedAt = at(assessDay, rng.int(9, 16), rng.int(0, 59));
  const closedAt = at(addDays(assessDay, rng.int(1, 5)), rng.int(9, 17), rng.int(0, 59));
  decisions.push(
    { action: 'start', from: 'approved', to: 'in_progress', at: startedAt, reasons: null },
    { action: 'complete', from: 'in_progress', to: 'completed', at: completedAt, reasons: null },
    { action: 'assess', from: 'completed', to: 'assessed', at: assessedAt, reasons: null },
    { action: 'close', from: 'assessed', to: 'closed', at: closedAt, reasons: null },
  );

  const trainees: DemoTrainee[] = c.enrolments.map((e) => {
    const enrolledAt = Math.min(reviewedAt + rng.int(1, 72) * HOUR_MS, startedAt - HOUR_MS);
    const scans = attend(rng, sessions, e.demoWorker ? 'full' : rng.next() < 0.05 ? 'poor' : 'good');
    return { enrolledAt, scans, marks: [], completion: null, result: null, revoked: null };
  });

  // Manual marks (补签): in about one class in eight the check-in device failed one day (or a trainee's phone
  // did); the institution marks those trainees by hand and the county office confirms most of them.
  if (sessions.length > 1 && trainees.length > 0 && rng.next() < 0.125) {
    const s = sessions[rng.int(0, sessions.length - 2)]!;
    const reason: ManualMarkReason = rng.next() < 0.6 ? 'device_failure' : rng.pick(['phone_unavailable', 'late_registration', 'other'] as const);
    const affected = shuffled(rng, trainees.map((_, k) => k)).slice(0, rng.int(1, Math.min(3, trainees.length)));
    for (const k of affected) {
      const t = trainees[k]!;
      if (c.enrolments[k]!.demoWorker) continue;
      const had = t.scans.some((x) => x.session === s.seq);
      if (!had) continue;
      t.scans = t.scans.filter((x) => x.session !== s.seq);
      const checkIn = s.start - rng.int(0, 10) * MINUTE_MS;
      const checkOut = s.end + rng.int(0, 10) * MINUTE_MS;
      const refused = rng.next() < 0.15;
      const createdAt = s.end + rng.int(1, 3) * HOUR_MS;
      t.marks.push({
        session: s.seq,
        checkIn,
        checkOut,
        reasonCode: reason,
        note: reason === 'other' ? '学员手机丢失，由班主任现场核验身份后登记' : null,
        createdAt,
        decision: {
          decision: refused ? 'refused' : 'confirmed',
          reason: refused ? '无法核实当日出勤，不予确认' : null,
          at: Math.min(createdAt + rng.int(12, 30) * HOUR_MS, completedAt - 10 * MINUTE_MS),
        },
      });
    }
  }

  const windows = sessions.map((s) => ({ id: String(s.seq), start: s.start, end: s.end }));
  for (const [k, t] of trainees.entries()) {
    const marks: AttendanceMark[] = [];
    const open = new Map<number, number>();
    for (const x of t.scans) {
      if (x.kind === 'in') open.set(x.session, x.at);
      else marks.push({ sessionId: String(x.session), checkIn: open.get(x.session)!, checkOut: x.at, source: 'qr' });
    }
    for (const m of t.marks) marks.push({ sessionId: String(m.session), checkIn: m.checkIn, checkOut: m.checkOut, source: 'manual', confirmation: m.decision?.decision ?? 'pending' });
    const s = attendanceSummary(windows, marks);
    const completed = meetsCompletion(s.rate, DEMO_COMPLETION_PERCENT);
    t.completion = { scheduledMinutes: s.scheduledMinutes, attendedMinutes: s.attendedMinutes, ratePerMille: s.ratePerMille, attendedDays: s.attendedDays, completed };
    if (completed) {
      const r = rng.next();
      const result = c.enrolments[k]!.demoWorker || r < 0.88 ? 'pass' : r < 0.97 ? 'fail' : 'absent';
      t.result = { result, score: result === 'pass' ? rng.int(60, 98) : result === 'fail' ? rng.int(28, 59) : null };
      if (result === 'pass' && !c.enrolments[k]!.demoWorker && rng.next() < 0.0006) {
        t.revoked = { reason: rng.pick(REVOKE_REASONS), at: assessedAt + rng.int(20, 120) * 24 * HOUR_MS };
      }
    }
  }
  return { createdAt, updatedAt: closedAt, sessions, decisions, trainees, assessedAt, completedAt };
}

// ---------------------------------------------------------------------------------------------------------
// The current classes of the demo institution, relative to today

export type CurrentDemoClass = {
  key: string;
  status: 'filed' | 'approved' | 'in_progress' | 'completed';
  startDate: string;
  endDate: string;
  sessions: DemoSession[];
  decisions: DemoDecision[];
  /** How many trainees to enrol (the seed picks free people of the unit). */
  trainees: number;
};

/**
 * Two filings awaiting review (starting in 12 and 17 days), one approved class starting in 8 days, one in
 * progress since two days ago with today's sessions 08:00–14:00 and 14:00–20:00 (so the classroom QR code
 * and the worker's check-in work whenever the demo is opened), and one completed three days ago, awaiting the
 * evaluator's results. `standardHours` per class decides how many days it runs.
 */
export function currentDemoClasses(today: string, standardHours: readonly number[]): CurrentDemoClass[] {
  const plans: { key: string; status: CurrentDemoClass['status']; start: string }[] = [
    { key: 'filed-1', status: 'filed', start: addDays(today, 12) },
    { key: 'filed-2', status: 'filed', start: addDays(today, 17) },
    { key: 'approved', status: 'approved', start: addDays(today, 8) },
    { key: 'in-progress', status: 'in_progress', start: addDays(today, -2) },
    { key: 'completed', status: 'completed', start: '' },
  ];
  return plans.map((p, i) => {
    const minutes = standardHours[i]! * 60;
    let sessions: DemoSession[];
    let start = p.start;
    if (p.status === 'in_progress') {
      // Two past days, today 08:00–20:00 in two sessions, then whole days until the hours are taught.
      const before = [addDays(today, -2), addDays(today, -1)];
      const after = Math.max(0, Math.ceil((minutes - 2 * DAY_SESSION.minutes - 720) / DAY_SESSION.minutes));
      const past = daySessions(before);
      const t0 = at(today, 8);
      const todays = [
        { seq: 0, start: t0, end: t0 + 6 * HOUR_MS, minutes: 360 },
        { seq: 0, start: t0 + 6 * HOUR_MS, end: t0 + 12 * HOUR_MS, minutes: 360 },
      ];
      const future = daySessions(Array.from({ length: after }, (_, k) => addDays(today, k + 1)));
      sessions = [...past, ...todays, ...future].map((s, k) => ({ ...s, seq: k + 1 }));
    } else if (p.status === 'completed') {
      const days = Math.ceil(minutes / DAY_SESSION.minutes);
      const dates = Array.from({ length: days }, (_, k) => addDays(today, k - days - 2));
      start = dates[0]!;
      sessions = daySessions(dates);
    } else {
      sessions = daySessions(trainingDays(start, Math.ceil(minutes / DAY_SESSION.minutes)));
    }
    const endDate = beijingDateOf(sessions[sessions.length - 1]!.start);
    const startDate = beijingDateOf(sessions[0]!.start);
    const fileDay = p.status === 'filed' ? addDays(today, -1 - (i % 2)) : addDays(startDate, -10);
    const decisions: DemoDecision[] = [
      { action: 'create', from: null, to: 'draft', at: at(addDays(fileDay, -2), 10), reasons: null },
      { action: 'file', from: 'draft', to: 'filed', at: at(fileDay, 15, 20), reasons: null },
    ];
    if (p.status !== 'filed') decisions.push({ action: 'approve', from: 'filed', to: 'approved', at: at(p.status === 'approved' ? today : addDays(fileDay, 2), 9, 40), reasons: null });
    if (p.status === 'in_progress' || p.status === 'completed') decisions.push({ action: 'start', from: 'approved', to: 'in_progress', at: at(startDate, 7, 50), reasons: null });
    if (p.status === 'completed') decisions.push({ action: 'complete', from: 'in_progress', to: 'completed', at: at(endDate, 17, 20), reasons: null });
    return {
      key: p.key,
      status: p.status,
      startDate: p.status === 'completed' ? start : startDate,
      endDate,
      sessions,
      decisions,
      trainees: p.status === 'filed' ? 0 : p.status === 'approved' ? 12 : 26,
    };
  });
}

/** Attendance in the current classes: the sessions that are over (before `now`), most trainees present. */
export function currentAttendance(seed: string, key: string, sessions: readonly DemoSession[], trainees: number, now: number): DemoScan[][] {
  const rng = createRng(`${seed}\u0000current\u0000${key}`);
  const past = sessions.filter((s) => s.end + 15 * MINUTE_MS < now);
  return Array.from({ length: trainees }, (_, k) => attend(rng, past, k === 0 ? 'full' : rng.next() < 0.05 ? 'poor' : 'good'));
}
