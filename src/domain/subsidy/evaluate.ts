/**
 * The pure subsidy evaluator: facts about one person in one class, priced against a `RuleSet` (rules.ts), give
 * the claim lines (integer fen, each with its rule version, clause, payee and fund) and a trace that explains
 * every rule's outcome in words with its clause. `priceClass` prices a whole class, `priceClaim` several classes
 * of one claim, each person's §15 count running across them.
 *
 * How one training is priced (rules in force on the class start date, §16):
 * 1. The place (培训名额): the class's funding route must be subsidised and fit the training type; the person must be
 *    eligible for the route on the start date (§13 own employee of the organising enterprise; §14 key group; §3
 *    registered poor for 'poverty_project'; for the 'certificate' route as enrolment.ts SUBSIDY_ELIGIBILITY says);
 *    §15: fewer than `maxPerYear` other subsidised trainings in the year and never the same occupation and level
 *    (OPEN scope); not already paid for this class (§17). A place that fails gets no line at all.
 * 2. The training subsidy of the route: §13 300 CNY to the enterprise, or §14 the catalog project's standard at most
 *    1000 CNY to the institution — only when the trainee completed (and, by setting, passed).
 * 3. The certificate subsidy (§15) of the class's level — for 免费组织…考取 a 专项职业能力 / 职业资格 / 技能等级 certificate
 *    of that level and occupation, assessment passed; not paid when the level's amount is null (OPEN). With the
 *    default setting `certificateWithTrainingSubsidy: 'exclusive'`, a class funded under §13 or §14 gets no
 *    certificate subsidy as well: §15 asks every subsidised trainee to 按规定取得证书, so the certificate is read as
 *    the outcome of the training already paid for, and one training is never paid twice from two funds (§16
 *    分账核算、专款专用). Classes on the 'certificate' route (on-job, apprenticeship, high-skill…) are paid on it.
 * 4. High-skill training (§5 以取证为补贴申领依据): only certificate lines.
 * 5. The living allowance (§3): registered poor in a subsidised place, 15 CNY × days actually attended (OPEN),
 *    never more than the scheduled days, to the trainee, from 就业补助资金.
 *
 * A training counts against the person's §15 limits once it has any line (whoever is paid).
 */
import { AppError } from '../errors.ts';
import { isCalendarDate } from '../registry/problems.ts';
import { FUNDING_ROUTE_CODES, TRAINING_TYPE_CODES, fundingRouteFits, trainingTypeName, type FundingRoute, type TrainingType } from '../training/classFiling.ts';
import { KEY_GROUP_CATEGORIES, SUBSIDY_ELIGIBILITY } from '../training/enrolment.ts';
import { formatYuan, traceMessage, type TraceCode, type TraceParams } from './messages.ts';
import {
  CERTIFICATE_TYPE_CODES,
  CLAUSES,
  FUND_CODES,
  PAYMENT_KINDS,
  ruleIdOf,
  ruleInForce,
  type CertificateTypeCode,
  type FundCode,
  type PaymentKind,
  type PaymentRule,
  type RuleKind,
  type RuleOf,
  type RuleSet,
  type RuleSettings,
  type SubsidyRule,
} from './rules.ts';

// ---------------------------------------------------------------------------------------------------------
// Facts

export type Organiser = { kind: 'institution' | 'enterprise'; id: string };

export type ClassFacts = {
  id: string;
  trainingType: TrainingType;
  fundingRoute: FundingRoute;
  occupationCode: string;
  /** 'special' (专项职业能力) or '5' … '1'. */
  levelCode: string;
  /** YYYY-MM-DD (Asia/Shanghai): picks the rule versions in force. */
  startDate: string;
  /** YYYY-MM-DD: its calendar year is the §15 year (OPEN default). */
  endDate: string;
  /** Distinct days with a session: the living allowance never counts more (§3). */
  scheduledDays: number;
  /** The catalog project's subsidy standard per person (training_classes.subsidy_fen); null outside the catalog (§7). */
  projectSubsidyFen: number | null;
  /** The enterprise or institution that runs the class. */
  organiser: Organiser;
  /** §15 免费组织: the trainee paid nothing for training and assessment. Default true (subsidised training is free). */
  freeForTrainee?: boolean;
};

/**
 * One of the person's other subsidised trainings: paid, or in a claim not (yet) refused. `year` on the same
 * basis as the rule set's `yearBasis` (default: calendar year of the class's end date).
 */
export type EarlierTraining = { classId: string; year: number; occupationCode: string; levelCode: string; paid: boolean };

/** A line of the current claim (another class, or another line of this class) for the same person. */
export type ClaimLineRef = { classId: string; kind: PaymentKind; year: number; occupationCode: string; levelCode: string };

export type AssessmentResult = 'pass' | 'fail' | 'absent';

export type PersonFacts = {
  personId: string;
  /** Person categories valid on the class start date (categoriesOn(periods, startDate)). */
  categoriesOnStart: readonly string[];
  /** On the start date an employee of the enterprise that runs the class (§13; false for institution classes). */
  employeeOfOrganiser: boolean;
  /** From enrolment_completions: days with attended minutes, and whether the completion threshold was met (§10). */
  attendance: { attendedDays: number; completed: boolean };
  /** null = no result recorded. */
  assessment: AssessmentResult | null;
  /** The certificate obtained in this class (not revoked), if any. `occupationCode` is checked when given. */
  certificate: { type: CertificateTypeCode; levelCode: string | null; occupationCode?: string } | null;
  earlier: readonly EarlierTraining[];
  otherLinesInClaim: readonly ClaimLineRef[];
};

export type EnrolmentFacts = PersonFacts & { class: ClassFacts };

// ---------------------------------------------------------------------------------------------------------
// Results

export type LinePayee = { kind: 'enterprise' | 'institution' | 'trainee'; id: string };

export type SubsidyLine = {
  kind: PaymentKind;
  ruleId: string;
  ruleVersion: string;
  clause: string;
  amountFen: number;
  payee: LinePayee;
  fund: FundCode;
  /** How the amount was reached, e.g. '15 元/天 × 6 天'. */
  basis: string;
  basisEn: string;
};

export type TraceOutcome = 'applied' | 'refused' | 'not_applicable';

export type TraceEntry = {
  ruleId: string;
  ruleVersion: string | null;
  kind: RuleKind;
  /** The clause of this outcome (a refusal names the clause of its reason, e.g. §15 on a §14 line). */
  clause: string;
  outcome: TraceOutcome;
  code: TraceCode;
  params: TraceParams;
  message: string;
  messageEn: string;
};

/** What a priced training adds to the person's history (§15), when it has any line. */
export type SubsidisedTraining = { classId: string; year: number; occupationCode: string; levelCode: string };

export type EnrolmentPricing = {
  personId: string;
  classId: string;
  /** The §15 year of this training. */
  year: number;
  lines: SubsidyLine[];
  trace: TraceEntry[];
  totalFen: number;
  subsidisedTraining: SubsidisedTraining | null;
  ruleSet: { id: string; version: string; whatIf: boolean };
  /** The OPEN settings applied, shown with the explanation. */
  settings: RuleSettings;
};

export type FundTotal = { fund: FundCode; amountFen: number };
export type PayeeTotal = { payee: LinePayee; fund: FundCode; amountFen: number };

export type ClassPricing = {
  classId: string;
  enrolments: EnrolmentPricing[];
  totalFen: number;
  byFund: FundTotal[];
  byPayee: PayeeTotal[];
};

export type ClaimClass = { class: ClassFacts; people: readonly PersonFacts[] };
export type ClaimPricing = { classes: ClassPricing[]; totalFen: number; byFund: FundTotal[]; byPayee: PayeeTotal[] };

// ---------------------------------------------------------------------------------------------------------
// Pricing

type Reason = { code: TraceCode; params: TraceParams; clause: string };
const reason = (code: TraceCode, clause: string, params: TraceParams = {}): Reason => ({ code, params, clause });

const ROUTE_CLAUSE: Readonly<Record<FundingRoute, string>> = {
  enterprise_employee: CLAUSES.s13,
  key_group: CLAUSES.s14,
  poverty_project: CLAUSES.s3,
  certificate: CLAUSES.s15,
  unsubsidised: CLAUSES.s13,
};
const SHORT: Readonly<Record<string, string>> = {
  [CLAUSES.s3]: '§3',
  [CLAUSES.s5]: '§5',
  [CLAUSES.s13]: '§13',
  [CLAUSES.s14]: '§14',
  [CLAUSES.s15]: '§15',
  [CLAUSES.s3s14]: '§3、§14',
};
const short = (clause: string) => SHORT[clause] ?? clause;

/** Routes that pay a training subsidy of their own (§13, §14, §3); the certificate route pays on the certificate. */
const TRAINING_SUBSIDY_ROUTES: readonly FundingRoute[] = ['enterprise_employee', 'key_group', 'poverty_project'];

/** The §15 year of a class: calendar year of its end date (default) or start date. */
export function trainingYear(c: Pick<ClassFacts, 'startDate' | 'endDate'>, settings: Pick<RuleSettings, 'yearBasis'>): number {
  return Number((settings.yearBasis === 'start' ? c.startDate : c.endDate).slice(0, 4));
}

/** Prices one person in one class. Throws VALIDATION_FAILED on malformed facts; never on a refusal. */
export function priceEnrolment(facts: EnrolmentFacts, ruleSet: RuleSet): EnrolmentPricing {
  checkClass(facts.class, 'class');
  checkPerson(facts, 'facts');
  return evaluate(facts, ruleSet, []);
}

/**
 * Prices every person of one class with the same class facts and rule versions. A person listed twice is priced
 * once (the repeat gets no line, §9). Totals by fund and by payee are what the ledger posts.
 */
export function priceClass(cls: ClassFacts, people: readonly PersonFacts[], ruleSet: RuleSet): ClassPricing {
  checkClass(cls, 'class');
  const seen = new Set<string>();
  const enrolments = people.map((p, i) => {
    checkPerson(p, `people.${i}`);
    const repeat = seen.has(p.personId);
    seen.add(p.personId);
    return evaluate({ ...p, class: cls }, ruleSet, repeat ? [reason('DUPLICATE_PERSON', CLAUSES.s9)] : []);
  });
  const lines = enrolments.flatMap((e) => e.lines);
  return { classId: cls.id, enrolments, totalFen: sumFen(lines), byFund: byFund(lines), byPayee: byPayee(lines) };
}

/**
 * Prices the classes of one claim. Classes are evaluated in start-date order (then id), and each person's lines
 * from an earlier class of the claim join their `otherLinesInClaim` for the later ones, so the §15 count and the
 * same-occupation rule run across the whole claim. Results come back in the order given.
 */
export function priceClaim(classes: readonly ClaimClass[], ruleSet: RuleSet): ClaimPricing {
  const order = classes.map((c, i) => ({ c, i })).sort((a, b) => cmp(a.c.class.startDate, b.c.class.startDate) || cmp(a.c.class.id, b.c.class.id) || a.i - b.i);
  const added = new Map<string, ClaimLineRef[]>();
  const out: ClassPricing[] = new Array<ClassPricing>(classes.length);
  for (const { c, i } of order) {
    const people = c.people.map((p) => ({ ...p, otherLinesInClaim: [...p.otherLinesInClaim, ...(added.get(p.personId) ?? [])] }));
    const priced = priceClass(c.class, people, ruleSet);
    for (const e of priced.enrolments) {
      const refs = added.get(e.personId) ?? [];
      for (const l of e.lines) refs.push({ classId: e.classId, kind: l.kind, year: e.year, occupationCode: c.class.occupationCode, levelCode: c.class.levelCode });
      added.set(e.personId, refs);
    }
    out[i] = priced;
  }
  const lines = out.flatMap((c) => c.enrolments.flatMap((e) => e.lines));
  return { classes: out, totalFen: sumFen(lines), byFund: byFund(lines), byPayee: byPayee(lines) };
}

function evaluate(facts: EnrolmentFacts, ruleSet: RuleSet, extra: readonly Reason[]): EnrolmentPricing {
  const c = facts.class;
  const s = ruleSet.settings;
  const date = c.startDate;
  const year = trainingYear(c, s);
  const trace: TraceEntry[] = [];
  const lines: SubsidyLine[] = [];
  const route = c.fundingRoute;
  const subsidised = route !== 'unsubsidised';
  const free = c.freeForTrainee ?? true;

  const note = (rule: SubsidyRule, outcome: TraceOutcome, r: Reason) => {
    const m = traceMessage(r.code, r.params);
    trace.push({ ruleId: rule.id, ruleVersion: rule.version, kind: rule.kind, clause: r.clause, outcome, code: r.code, params: r.params, message: m.zh, messageEn: m.en });
  };
  /** The rule in force, or a not_applicable entry (when the set has the kind at all) and null. */
  const inForce = <K extends RuleKind>(kind: K): RuleOf<K> | null => {
    const rule = ruleInForce(ruleSet, kind, date);
    if (rule) return rule;
    const id = ruleIdOf(ruleSet, kind);
    if (id !== null) {
      const m = traceMessage('NO_RULE_IN_FORCE', { date });
      trace.push({ ruleId: id, ruleVersion: null, kind, clause: CLAUSES.s16, outcome: 'not_applicable', code: 'NO_RULE_IN_FORCE', params: { date }, message: m.zh, messageEn: m.en });
    }
    return null;
  };
  const notSubsidised = (rule: SubsidyRule) => note(rule, 'not_applicable', reason('CLASS_UNSUBSIDISED', rule.clause));

  // 1. The place ---------------------------------------------------------------------------------------
  const keyGroup = ruleInForce(ruleSet, 'key_group_training', date);
  const blocks: Reason[] = [...extra];
  if (facts.earlier.some((e) => e.classId === c.id && e.paid)) blocks.push(reason('ALREADY_PAID', CLAUSES.s17));
  if (subsidised && !fundingRouteFits(route, c.trainingType))
    blocks.push(reason('ROUTE_TYPE_MISMATCH', ROUTE_CLAUSE[route], { route, trainingType: c.trainingType, short: short(ROUTE_CLAUSE[route]) }));
  if (subsidised) blocks.push(...eligibility(facts, keyGroup?.params.categories ?? KEY_GROUP_CATEGORIES, keyGroup?.params.povertyCategories ?? ['registered_poor']));

  // Other subsidised trainings (§15), one per class, this class excluded (re-pricing it never counts it twice).
  const history = new Map<string, { year: number; occupationCode: string; levelCode: string }>();
  for (const e of facts.earlier) if (e.classId !== c.id) history.set(e.classId, e);
  for (const l of facts.otherLinesInClaim) if (l.classId !== c.id && !history.has(l.classId)) history.set(l.classId, l);

  const perYear = inForce('limit_per_year');
  if (perYear && !subsidised) notSubsidised(perYear);
  else if (perYear) {
    const count = [...history.values()].filter((h) => h.year === year).length;
    const params = { year, nth: count + 1, max: perYear.params.maxPerYear, yearBasis: s.yearBasis };
    if (count >= perYear.params.maxPerYear) {
      const r = reason('YEAR_LIMIT', perYear.clause, params);
      blocks.push(r);
      note(perYear, 'refused', r);
    } else note(perYear, 'applied', reason('LIMIT_PER_YEAR_OK', perYear.clause, params));
  }

  const same = inForce('limit_same_occupation_level');
  if (same && !subsidised) notSubsidised(same);
  else if (same) {
    const hit = [...history.values()]
      .filter((h) => h.occupationCode === c.occupationCode && h.levelCode === c.levelCode && (s.sameOccupationLevel === 'never' || h.year === year))
      .sort((a, b) => a.year - b.year)[0];
    const params = { occupationCode: c.occupationCode, levelCode: c.levelCode, year, scope: s.sameOccupationLevel };
    if (hit) {
      const r = reason('SAME_OCCUPATION_LEVEL', same.clause, { ...params, earlierYear: hit.year });
      blocks.push(r);
      note(same, 'refused', r);
    } else note(same, 'applied', reason('LIMIT_SAME_OK', same.clause, params));
  }

  const highSkillRule = inForce('limit_high_skill_on_certificate');
  const highSkill = highSkillRule !== null && highSkillRule.params.trainingTypes.includes(c.trainingType);
  if (highSkillRule) {
    if (!subsidised) notSubsidised(highSkillRule);
    else if (highSkill) note(highSkillRule, 'applied', reason('LIMIT_HIGH_SKILL', highSkillRule.clause, { trainingType: c.trainingType }));
    else note(highSkillRule, 'not_applicable', reason('HIGH_SKILL_NOT_APPLICABLE', highSkillRule.clause, { trainingType: c.trainingType }));
  }

  // 2–5. The lines -------------------------------------------------------------------------------------
  const common = (rule: PaymentRule): Reason[] => {
    const out = [...blocks];
    const payee = payeeOf(rule, facts);
    if ('code' in payee) out.push(payee);
    if (facts.otherLinesInClaim.some((l) => l.classId === c.id && l.kind === rule.kind)) out.push(reason('DUPLICATE_IN_CLAIM', CLAUSES.s17));
    return out;
  };
  const trainingConditions = (rule: PaymentRule): Reason[] => {
    const out: Reason[] = [];
    if (highSkill) out.push(reason('HIGH_SKILL_CERTIFICATE_ONLY', CLAUSES.s5));
    if (!facts.attendance.completed) out.push(reason('NOT_COMPLETED', rule.clause, { short: short(rule.clause) }));
    if (s.trainingSubsidyNeedsPass && facts.assessment !== 'pass') out.push(reason('NOT_PASSED_TRAINING', rule.clause, { short: short(rule.clause) }));
    return out;
  };
  const settle = (rule: PaymentRule, refusals: readonly Reason[], price: () => { amountFen: number; basis: string; basisEn: string; applied: Reason }) => {
    const unique = dedupe(refusals);
    if (unique.length > 0) {
      for (const r of unique) note(rule, 'refused', r);
      return;
    }
    const p = price();
    if (p.amountFen === 0) {
      note(rule, 'refused', reason('AMOUNT_ZERO', rule.clause, { short: short(rule.clause) }));
      return;
    }
    const payee = payeeOf(rule, facts) as LinePayee;
    lines.push({ kind: rule.kind, ruleId: rule.id, ruleVersion: rule.version, clause: rule.clause, amountFen: p.amountFen, payee, fund: rule.fund, basis: p.basis, basisEn: p.basisEn });
    note(rule, 'applied', p.applied);
  };

  // §13
  const enterprise = inForce('enterprise_employee_training');
  if (enterprise) {
    if (!subsidised) notSubsidised(enterprise);
    else if (route !== 'enterprise_employee') note(enterprise, 'not_applicable', reason('ROUTE_OTHER', enterprise.clause, { route }));
    else if (!enterprise.params.trainingTypes.includes(c.trainingType)) note(enterprise, 'not_applicable', reason('TYPE_NOT_COVERED', enterprise.clause, { trainingType: c.trainingType }));
    else
      settle(enterprise, [...common(enterprise), ...trainingConditions(enterprise)], () => {
        const amountFen = enterprise.params.amountFen;
        return {
          amountFen,
          basis: `每人 ${formatYuan(amountFen)} 元（${trainingTypeName(c.trainingType)}）`,
          basisEn: `${formatYuan(amountFen)} CNY per person (${c.trainingType})`,
          applied: reason('APPLIED_ENTERPRISE', enterprise.clause, { trainingType: c.trainingType, amountFen }),
        };
      });
  }

  // §14 (and §3 project-based training of the registered poor)
  const key = inForce('key_group_training');
  if (key) {
    const clause = route === 'poverty_project' ? CLAUSES.s3s14 : key.clause;
    if (!subsidised) notSubsidised(key);
    else if (route !== 'key_group' && route !== 'poverty_project') note(key, 'not_applicable', reason('ROUTE_OTHER', key.clause, { route }));
    else if (!key.params.trainingTypes.includes(c.trainingType)) note(key, 'not_applicable', reason('TYPE_NOT_COVERED', key.clause, { trainingType: c.trainingType }));
    else {
      const refusals = [...common(key), ...trainingConditions(key)];
      if (c.projectSubsidyFen === null) refusals.push(reason('NO_CATALOG_STANDARD', key.clause));
      settle(key, refusals, () => {
        const standardFen = c.projectSubsidyFen!;
        const capFen = key.params.capFen;
        const amountFen = Math.min(standardFen, capFen);
        return {
          amountFen,
          basis: `目录项目标准 ${formatYuan(standardFen)} 元，上限 ${formatYuan(capFen)} 元，核定 ${formatYuan(amountFen)} 元`,
          basisEn: `catalog standard ${formatYuan(standardFen)} CNY, cap ${formatYuan(capFen)} CNY: ${formatYuan(amountFen)} CNY`,
          applied: reason('APPLIED_KEY_GROUP', clause, { standardFen, capFen, amountFen }),
        };
      });
    }
  }

  // §3 living allowance, with its days limit
  const living = inForce('living_allowance');
  const daysRule = inForce('limit_living_allowance_days');
  if (living) {
    const attended = facts.attendance.attendedDays;
    const scheduled = c.scheduledDays;
    const days = Math.min(s.livingAllowanceDays === 'scheduled' ? scheduled : attended, scheduled);
    const inCategory = facts.categoriesOnStart.some((x) => living.params.categories.includes(x));
    if (!subsidised) notSubsidised(living);
    else if (!inCategory) note(living, 'not_applicable', reason('NOT_IN_CATEGORY', living.clause, { categories: living.params.categories.join(',') }));
    else {
      if (daysRule) note(daysRule, 'applied', reason('LIMIT_DAYS', daysRule.clause, { attended, scheduled, days, basis: s.livingAllowanceDays }));
      const refusals = common(living);
      if (highSkill) refusals.push(reason('HIGH_SKILL_CERTIFICATE_ONLY', CLAUSES.s5));
      if (s.livingAllowanceNeedsCompletion && !facts.attendance.completed) refusals.push(reason('LIVING_NEEDS_COMPLETION', living.clause));
      if (days === 0) refusals.push(reason('NO_DAYS_ATTENDED', living.clause));
      settle(living, refusals, () => {
        const perDayFen = living.params.perDayFen;
        const amountFen = mulFen(perDayFen, days);
        return {
          amountFen,
          basis: `${formatYuan(perDayFen)} 元/天 × ${days} 天`,
          basisEn: `${formatYuan(perDayFen)} CNY/day × ${days} days`,
          applied: reason('APPLIED_LIVING', living.clause, { perDayFen, days, amountFen }),
        };
      });
    }
    if (daysRule && (!subsidised || !inCategory)) note(daysRule, 'not_applicable', reason('LIVING_NOT_EVALUATED', daysRule.clause));
  } else if (daysRule) note(daysRule, 'not_applicable', reason('LIVING_NOT_EVALUATED', daysRule.clause));

  // §15 certificates, after the one-training-one-subsidy limit
  const one = inForce('limit_one_training_subsidy');
  const exclusive = one !== null && s.certificateWithTrainingSubsidy === 'exclusive' && TRAINING_SUBSIDY_ROUTES.includes(route);
  if (one) {
    if (!subsidised) notSubsidised(one);
    else if (!TRAINING_SUBSIDY_ROUTES.includes(route)) note(one, 'not_applicable', reason('ONE_SUBSIDY_NOT_APPLICABLE', one.clause, { route }));
    else note(one, 'applied', reason(exclusive ? 'LIMIT_ONE_SUBSIDY_EXCLUSIVE' : 'LIMIT_ONE_SUBSIDY_BOTH', one.clause, { route }));
  }
  for (const kind of PAYMENT_KINDS) {
    if (!kind.startsWith('certificate_')) continue;
    const rule = inForce(kind) as RuleOf<'certificate_special'> | null;
    if (!rule) continue;
    const p = rule.params;
    if (!subsidised) {
      notSubsidised(rule);
      continue;
    }
    if (p.levelCode !== c.levelCode) {
      note(rule, 'not_applicable', reason('CERTIFICATE_OTHER_LEVEL', rule.clause, { levelCode: c.levelCode, ruleLevel: p.levelCode }));
      continue;
    }
    const refusals = common(rule);
    if (exclusive) refusals.push(reason('DOUBLE_FUNDING', one!.clause, { route }));
    const cert = facts.certificate;
    if (facts.assessment !== 'pass') refusals.push(reason('NOT_PASSED', rule.clause, { result: facts.assessment ?? 'none' }));
    else if (cert === null) refusals.push(reason('NO_CERTIFICATE', rule.clause));
    if (cert !== null) {
      if (!p.certificateTypes.includes(cert.type)) refusals.push(reason('CERTIFICATE_TYPE_NOT_COVERED', rule.clause, { certificateType: cert.type }));
      else if ((cert.levelCode ?? 'special') !== c.levelCode) refusals.push(reason('CERTIFICATE_LEVEL_MISMATCH', rule.clause, { certificateLevel: cert.levelCode ?? 'special', levelCode: c.levelCode }));
      if (cert.occupationCode !== undefined && cert.occupationCode !== c.occupationCode)
        refusals.push(reason('CERTIFICATE_OCCUPATION_MISMATCH', rule.clause, { certificateOccupation: cert.occupationCode, occupationCode: c.occupationCode }));
    }
    if (!free) refusals.push(reason('NOT_FREE', rule.clause));
    if (p.amountFen === null) refusals.push(reason('AMOUNT_NOT_SET', rule.clause, { levelCode: p.levelCode }));
    settle(rule, refusals, () => {
      const amountFen = p.amountFen!;
      return {
        amountFen,
        basis: `${levelLabel(p.levelCode)}证书 每人 ${formatYuan(amountFen)} 元`,
        basisEn: `level ${p.levelCode} certificate: ${formatYuan(amountFen)} CNY per person`,
        applied: reason('APPLIED_CERTIFICATE', rule.clause, { certificateType: cert!.type, levelCode: p.levelCode, amountFen }),
      };
    });
  }

  return {
    personId: facts.personId,
    classId: c.id,
    year,
    lines,
    trace,
    totalFen: sumFen(lines),
    subsidisedTraining: lines.length > 0 ? { classId: c.id, year, occupationCode: c.occupationCode, levelCode: c.levelCode } : null,
    ruleSet: { id: ruleSet.id, version: ruleSet.version, whatIf: ruleSet.whatIf !== null },
    settings: { ...s },
  };
}

/** Whether the person may hold a subsidised place on this route, on the start date; every reason why not. */
function eligibility(facts: EnrolmentFacts, keyGroups: readonly string[], poor: readonly string[]): Reason[] {
  const c = facts.class;
  const has = (list: readonly string[]) => facts.categoriesOnStart.some((x) => list.includes(x));
  const employee = (clause: string): Reason[] => {
    if (c.organiser.kind !== 'enterprise') return [reason('ORGANISER_NOT_ENTERPRISE', clause, { short: short(clause) })];
    if (!facts.employeeOfOrganiser) return [reason('NOT_EMPLOYEE', clause, { startDate: c.startDate, trainingType: c.trainingType, short: short(clause) })];
    return [];
  };
  const group = (list: readonly string[], clause: string): Reason[] =>
    has(list) ? [] : [reason('NOT_ELIGIBLE_CATEGORY', clause, { startDate: c.startDate, trainingType: c.trainingType, eligible: list.join(','), short: short(clause) })];
  switch (c.fundingRoute) {
    case 'enterprise_employee':
      return employee(CLAUSES.s13);
    case 'key_group':
      return group(keyGroups, CLAUSES.s14);
    case 'poverty_project':
      return group(poor, CLAUSES.s3);
    case 'certificate': {
      const needs = SUBSIDY_ELIGIBILITY[c.trainingType].requires;
      if (needs === 'enterprise_employee') return employee(CLAUSES.s15);
      if (needs === 'key_group') return group(keyGroups, CLAUSES.s14);
      return [];
    }
    case 'unsubsidised':
      return [];
  }
}

/** The line's payee, or the reason the organiser cannot be paid by this rule. */
function payeeOf(rule: PaymentRule, facts: EnrolmentFacts): LinePayee | Reason {
  const o = facts.class.organiser;
  switch (rule.payee) {
    case 'trainee':
      return { kind: 'trainee', id: facts.personId };
    case 'organiser':
      return { kind: o.kind, id: o.id };
    case 'enterprise':
      return o.kind === 'enterprise' ? { kind: 'enterprise', id: o.id } : reason('ORGANISER_NOT_ENTERPRISE', rule.clause, { short: short(rule.clause) });
    case 'institution':
      return o.kind === 'institution' ? { kind: 'institution', id: o.id } : reason('ORGANISER_NOT_INSTITUTION', rule.clause, { short: short(rule.clause) });
  }
}

function levelLabel(code: string): string {
  return { special: '专项职业能力', '5': '初级工', '4': '中级工', '3': '高级工', '2': '技师', '1': '高级技师' }[code] ?? code;
}

function dedupe(reasons: readonly Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const k = `${r.code}|${r.clause}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Money

function mulFen(fen: number, n: number): number {
  const v = fen * n;
  if (!Number.isSafeInteger(v)) throw new AppError('VALIDATION_FAILED', { field: 'amountFen', reason: `${fen} × ${n} fen is beyond the safe integer range` }, 'amountFen');
  return v;
}

function sumFen(lines: readonly { amountFen: number }[]): number {
  let total = 0;
  for (const l of lines) {
    total += l.amountFen;
    if (!Number.isSafeInteger(total)) throw new AppError('VALIDATION_FAILED', { field: 'totalFen', reason: 'the total is beyond the safe integer range' }, 'totalFen');
  }
  return total;
}

function byFund(lines: readonly SubsidyLine[]): FundTotal[] {
  return FUND_CODES.map((fund) => ({ fund, amountFen: sumFen(lines.filter((l) => l.fund === fund)) })).filter((t) => t.amountFen > 0);
}

function byPayee(lines: readonly SubsidyLine[]): PayeeTotal[] {
  const map = new Map<string, PayeeTotal>();
  for (const l of lines) {
    const k = `${l.payee.kind}|${l.payee.id}|${l.fund}`;
    const cur = map.get(k) ?? { payee: l.payee, fund: l.fund, amountFen: 0 };
    cur.amountFen = sumFen([cur, l]);
    map.set(k, cur);
  }
  return [...map.entries()].sort((a, b) => cmp(a[0], b[0])).map(([, v]) => v);
}

// ---------------------------------------------------------------------------------------------------------
// Facts checks (malformed facts are a caller's bug: VALIDATION_FAILED naming the field)

const LEVEL_CODES = ['special', '5', '4', '3', '2', '1'];

function fail(field: string, reasonText: string): never {
  throw new AppError('VALIDATION_FAILED', { field, reason: reasonText }, field);
}

function checkClass(c: ClassFacts, at: string): void {
  if (!c || typeof c !== 'object') fail(at, 'the class facts are required');
  if (!c.id) fail(`${at}.id`, 'required');
  if (!(TRAINING_TYPE_CODES as readonly string[]).includes(c.trainingType)) fail(`${at}.trainingType`, `unknown training type ${String(c.trainingType)}`);
  if (!(FUNDING_ROUTE_CODES as readonly string[]).includes(c.fundingRoute)) fail(`${at}.fundingRoute`, `unknown funding route ${String(c.fundingRoute)}`);
  if (!c.occupationCode) fail(`${at}.occupationCode`, 'required');
  if (!LEVEL_CODES.includes(c.levelCode)) fail(`${at}.levelCode`, `unknown level ${String(c.levelCode)}`);
  if (!isCalendarDate(c.startDate)) fail(`${at}.startDate`, 'a real date YYYY-MM-DD');
  if (!isCalendarDate(c.endDate)) fail(`${at}.endDate`, 'a real date YYYY-MM-DD');
  if (c.endDate < c.startDate) fail(`${at}.endDate`, 'before the start date');
  if (!Number.isSafeInteger(c.scheduledDays) || c.scheduledDays < 0) fail(`${at}.scheduledDays`, 'a whole number, not below 0');
  if (c.projectSubsidyFen !== null && (!Number.isSafeInteger(c.projectSubsidyFen) || c.projectSubsidyFen < 0)) fail(`${at}.projectSubsidyFen`, 'whole fen, not below 0, or null');
  if (!c.organiser || (c.organiser.kind !== 'institution' && c.organiser.kind !== 'enterprise') || !c.organiser.id) fail(`${at}.organiser`, 'kind institution or enterprise, and id');
}

function checkPerson(p: PersonFacts, at: string): void {
  if (!p.personId) fail(`${at}.personId`, 'required');
  if (!Array.isArray(p.categoriesOnStart)) fail(`${at}.categoriesOnStart`, 'a list of category codes');
  const a = p.attendance;
  if (!a || !Number.isSafeInteger(a.attendedDays) || a.attendedDays < 0) fail(`${at}.attendance.attendedDays`, 'a whole number, not below 0');
  if (typeof a.completed !== 'boolean') fail(`${at}.attendance.completed`, 'true or false');
  if (p.assessment !== null && !['pass', 'fail', 'absent'].includes(p.assessment)) fail(`${at}.assessment`, 'pass, fail, absent or null');
  if (p.certificate !== null) {
    if (!(CERTIFICATE_TYPE_CODES as readonly string[]).includes(p.certificate.type)) fail(`${at}.certificate.type`, `unknown certificate type ${String(p.certificate.type)}`);
    if (p.certificate.levelCode !== null && !LEVEL_CODES.includes(p.certificate.levelCode)) fail(`${at}.certificate.levelCode`, `unknown level ${String(p.certificate.levelCode)}`);
  }
  p.earlier.forEach((e, i) => {
    if (!e.classId || !Number.isSafeInteger(e.year) || !e.occupationCode || !e.levelCode || typeof e.paid !== 'boolean') fail(`${at}.earlier.${i}`, 'classId, year, occupationCode, levelCode and paid');
  });
  p.otherLinesInClaim.forEach((l, i) => {
    if (!l.classId || !Number.isSafeInteger(l.year) || !l.occupationCode || !l.levelCode || !(PAYMENT_KINDS as readonly string[]).includes(l.kind)) fail(`${at}.otherLinesInClaim.${i}`, 'classId, kind, year, occupationCode and levelCode');
  });
}


