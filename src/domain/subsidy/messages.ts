/**
 * The words of the subsidy explanation: one table from trace code to its zh-CN and en message. A trace entry
 * stores its code and parameters (codes and integers only) as well as both rendered messages, so a screen or an
 * export can render it again in either language (style.md: no user-facing literal outside a catalogue).
 * These are explanations, not errors, so they live here rather than in errors.ts (ADR 0006).
 *
 * Money in a message is integer fen shown as yuan by `formatYuan`, with integer arithmetic only.
 */
import { CERTIFICATE_TYPES, PERSON_CATEGORIES, SKILL_LEVELS, TRAINING_TYPES } from '../reference/catalog.ts';
import { FUNDING_ROUTES } from '../training/classFiling.ts';

/** Fen as yuan: 30000 → "300", 150050 → "1500.5", 7 → "0.07". Integer arithmetic only; throws on a non-integer. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new TypeError(`not a whole number of fen: ${String(fen)}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = (abs - cents) / 100;
  if (cents === 0) return `${sign}${yuan}`;
  return `${sign}${yuan}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

export function ordinalEn(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

type Named = { code: string; name: string; nameEn: string };
function nameIn(list: readonly Named[], code: string | number | undefined): [string, string] {
  const found = list.find((x) => x.code === String(code));
  return found ? [found.name, found.nameEn] : [String(code), String(code)];
}
const training = (c: string | number | undefined) => nameIn(TRAINING_TYPES, c);
const level = (c: string | number | undefined) => nameIn(SKILL_LEVELS, c);
const certificate = (c: string | number | undefined) => nameIn(CERTIFICATE_TYPES, c);
const route = (c: string | number | undefined) => nameIn(FUNDING_ROUTES as unknown as Named[], c);
function categories(codes: string | number | undefined): [string, string] {
  const list = String(codes ?? '')
    .split(',')
    .filter(Boolean)
    .map((c) => nameIn(PERSON_CATEGORIES, c));
  return [list.map((x) => x[0]).join('、'), list.map((x) => x[1]).join(', ')];
}
const yuan = (fen: string | number | undefined) => formatYuan(Number(fen));

export type TraceParams = Record<string, string | number>;
type Render = (p: TraceParams) => [zh: string, en: string];

/** Every trace code with its message. `short` is the short clause (§13, §14…) where one message serves several rules. */
export const TRACE_MESSAGES = {
  // Applied: a line
  APPLIED_ENTERPRISE: (p) => [
    `企业职工${training(p.trainingType)[0]}补贴：每人 ${yuan(p.amountFen)} 元，拨付开班企业（§13）`,
    `Enterprise-employee ${training(p.trainingType)[1].toLowerCase()} subsidy: ${yuan(p.amountFen)} CNY per person, to the enterprise (§13)`,
  ],
  APPLIED_KEY_GROUP: (p) => [
    `重点群体培训补贴：目录项目标准 ${yuan(p.standardFen)} 元，每人上限 ${yuan(p.capFen)} 元，核定 ${yuan(p.amountFen)} 元，拨付培训机构（§14）`,
    `Key-group training subsidy: catalog standard ${yuan(p.standardFen)} CNY, cap ${yuan(p.capFen)} CNY per person, ${yuan(p.amountFen)} CNY to the institution (§14)`,
  ],
  APPLIED_LIVING: (p) => [
    `建档立卡贫困劳动力生活费补贴：${yuan(p.perDayFen)} 元/天 × ${p.days} 天 = ${yuan(p.amountFen)} 元，发给学员本人（§3）`,
    `Registered-poor living allowance: ${yuan(p.perDayFen)} CNY/day × ${p.days} days = ${yuan(p.amountFen)} CNY, to the trainee (§3)`,
  ],
  APPLIED_CERTIFICATE: (p) => [
    `免费组织取得${certificate(p.certificateType)[0]}（${level(p.levelCode)[0]}），每人 ${yuan(p.amountFen)} 元，补贴开班单位（§15）`,
    `${certificate(p.certificateType)[1]} (${level(p.levelCode)[1]}) obtained in free training: ${yuan(p.amountFen)} CNY per person to the organiser (§15)`,
  ],
  // Applied: a limit checked and passed
  LIMIT_PER_YEAR_OK: (p) => [
    `${p.year} 年第 ${p.nth} 次补贴性培训，未超过每人每年 ${p.max} 次（§15；年度按${p.yearBasis === 'start' ? '开班' : '结业'}日历年计）`,
    `${ordinalEn(Number(p.nth))} subsidised training in ${p.year}, within the limit of ${p.max} a year (§15; year = calendar year of the class ${p.yearBasis === 'start' ? 'start' : 'completion'})`,
  ],
  LIMIT_SAME_OK: (p) => [
    `此前${p.scope === 'within_year' ? `${p.year} 年内` : ''}未享受过职业（工种）${p.occupationCode}（${level(p.levelCode)[0]}）的补贴性培训（§15）`,
    `No earlier subsidised training in occupation ${p.occupationCode} at ${level(p.levelCode)[1]}${p.scope === 'within_year' ? ` in ${p.year}` : ''} (§15)`,
  ],
  LIMIT_HIGH_SKILL: (p) => [
    `${training(p.trainingType)[0]}不需要办理就业创业证书，以取证为补贴申领依据：只按证书补贴（§5）`,
    `${training(p.trainingType)[1]} needs no employment certificate and is subsidised on the certificate only (§5)`,
  ],
  LIMIT_DAYS: (p) => [
    `生活费补贴天数：实际出勤 ${p.attended} 天，排课 ${p.scheduled} 天，按${p.basis === 'scheduled' ? '排课' : '实际出勤'}天数计且不超过排课天数，计 ${p.days} 天（§3）`,
    `Living-allowance days: ${p.attended} attended, ${p.scheduled} scheduled; counted by ${p.basis === 'scheduled' ? 'scheduled' : 'attended'} days, never above the scheduled days: ${p.days} (§3)`,
  ],
  LIMIT_ONE_SUBSIDY_EXCLUSIVE: (p) => [
    `本班按“${route(p.route)[0]}”补贴，同一培训不再给予 §15 取证补贴（不重复补贴，§15、§16）`,
    `The class is funded as "${route(p.route)[1]}"; the same training gets no §15 certificate subsidy as well (no double funding, §15, §16)`,
  ],
  LIMIT_ONE_SUBSIDY_BOTH: (p) => [
    `本班按“${route(p.route)[0]}”补贴；按设置，取得证书的还可享受 §15 取证补贴`,
    `The class is funded as "${route(p.route)[1]}"; by the setting, a certificate obtained also earns the §15 subsidy`,
  ],
  // Not applicable
  NO_RULE_IN_FORCE: (p) => [`开班日 ${p.date} 没有生效的该项补贴标准（§16）`, `No version of this rule is in force on the start date ${p.date} (§16)`],
  CLASS_UNSUBSIDISED: () => ['本班为非补贴性培训', 'The class is not subsidised'],
  ROUTE_OTHER: (p) => [`本班补贴渠道为“${route(p.route)[0]}”，不适用本项`, `The class is funded as "${route(p.route)[1]}"; this rule does not apply`],
  TYPE_NOT_COVERED: (p) => [`“${training(p.trainingType)[0]}”不属于本项补贴的培训类型`, `"${training(p.trainingType)[1]}" is not a training type of this rule`],
  NOT_IN_CATEGORY: (p) => [`开班日该人员不是${categories(p.categories)[0]}`, `On the start date the person is not: ${categories(p.categories)[1]}`],
  CERTIFICATE_OTHER_LEVEL: (p) => [`本班培训等级为${level(p.levelCode)[0]}，不适用${level(p.ruleLevel)[0]}证书补贴`, `The class trains ${level(p.levelCode)[1]}, not ${level(p.ruleLevel)[1]}`],
  HIGH_SKILL_NOT_APPLICABLE: (p) => [`“${training(p.trainingType)[0]}”不是高技能人才培训`, `"${training(p.trainingType)[1]}" is not high-skill training`],
  LIVING_NOT_EVALUATED: () => ['本次不计生活费补贴', 'No living allowance is priced for this training'],
  ONE_SUBSIDY_NOT_APPLICABLE: (p) => [`本班补贴渠道为“${route(p.route)[0]}”，没有另一项培训补贴`, `The class is funded as "${route(p.route)[1]}"; there is no other training subsidy`],
  // Refused
  ALREADY_PAID: () => ['该人员本班补贴已发放，不重复发放；更正须另记一笔台账（§17）', "This person's subsidy for the class was already paid; it is never paid twice, a correction is a new ledger entry (§17)"],
  DUPLICATE_PERSON: () => ['同一人员在本班名单中重复出现，只计一次（实名制，§9）', 'The person appears twice in the class roster; only the first counts (real-name system, §9)'],
  DUPLICATE_IN_CLAIM: () => ['本次申领已含该人员本班的此项补贴（§17）', "This claim already has this line for the person's class (§17)"],
  ROUTE_TYPE_MISMATCH: (p) => [
    `“${training(p.trainingType)[0]}”不能按“${route(p.route)[0]}”补贴（${p.short}）`,
    `"${training(p.trainingType)[1]}" cannot be funded as "${route(p.route)[1]}" (${p.short})`,
  ],
  NOT_EMPLOYEE: (p) => [
    `开班日（${p.startDate}）该人员不是开班企业的职工，“${training(p.trainingType)[0]}”只补贴本企业职工（${p.short}）`,
    `On the start date (${p.startDate}) the person is not an employee of the enterprise running the class; "${training(p.trainingType)[1]}" is subsidised for its own employees only (${p.short})`,
  ],
  ORGANISER_NOT_ENTERPRISE: (p) => [`本项补贴拨付企业，须由企业为本企业职工组织培训（${p.short}）`, `This subsidy is paid to an enterprise training its own employees; the class is not run by one (${p.short})`],
  ORGANISER_NOT_INSTITUTION: (p) => [`本项补贴拨付培训机构，本班不是培训机构组织（${p.short}）`, `This subsidy is paid to a training institution; the class is not run by one (${p.short})`],
  NOT_ELIGIBLE_CATEGORY: (p) => [
    `开班日（${p.startDate}）该人员不属于“${training(p.trainingType)[0]}”的补贴对象（须为：${categories(p.eligible)[0]}）（${p.short}）`,
    `On the start date (${p.startDate}) the person is not in a group subsidised for "${training(p.trainingType)[1]}" (needs one of: ${categories(p.eligible)[1]}) (${p.short})`,
  ],
  YEAR_LIMIT: (p) => [
    `${p.year} 年第 ${p.nth} 次补贴性培训，超过每人每年 ${p.max} 次（§15）`,
    `${ordinalEn(Number(p.nth))} subsidised training in ${p.year}, above the limit of ${p.max} a year (§15)`,
  ],
  SAME_OCCUPATION_LEVEL: (p) => [
    `已于 ${p.earlierYear} 年享受过职业（工种）${p.occupationCode}（${level(p.levelCode)[0]}）的补贴性培训，同一职业同一等级不可重复（§15）`,
    `Subsidised training in occupation ${p.occupationCode} at ${level(p.levelCode)[1]} was already had in ${p.earlierYear}; the same occupation and level is never subsidised twice (§15)`,
  ],
  NOT_COMPLETED: (p) => [`未结业（出勤未达到结业要求），不予培训补贴（${p.short}）`, `Not completed (attendance below the completion threshold): no training subsidy (${p.short})`],
  NOT_PASSED_TRAINING: (p) => [`考核未通过；按设置，培训补贴须取得证书（${p.short}、§15）`, `Assessment not passed; by the setting, the training subsidy needs the certificate (${p.short}, §15)`],
  NOT_PASSED: (p) => [
    `考核结果为“${p.result === 'fail' ? '不合格' : p.result === 'absent' ? '缺考' : '未录入'}”，未取得证书，不予取证补贴（§15）`,
    `Assessment ${p.result === 'fail' ? 'failed' : p.result === 'absent' ? 'missed' : 'not recorded'}: no certificate, no certificate subsidy (§15)`,
  ],
  NO_CERTIFICATE: () => ['考核通过但尚未取得（登记）证书，不予取证补贴（§15）', 'Assessment passed but no certificate is recorded yet: no certificate subsidy (§15)'],
  CERTIFICATE_TYPE_NOT_COVERED: (p) => [
    `“${certificate(p.certificateType)[0]}”不属于取证补贴范围（§15：专项职业能力证书、职业资格证书或技能等级证书）`,
    `"${certificate(p.certificateType)[1]}" is not subsidised (§15: special-ability, vocational-qualification or skill-level certificates)`,
  ],
  CERTIFICATE_LEVEL_MISMATCH: (p) => [
    `证书等级（${level(p.certificateLevel)[0]}）与培训项目等级（${level(p.levelCode)[0]}）不一致（§15）`,
    `The certificate's level (${level(p.certificateLevel)[1]}) differs from the class's (${level(p.levelCode)[1]}) (§15)`,
  ],
  CERTIFICATE_OCCUPATION_MISMATCH: (p) => [
    `证书职业（工种）${p.certificateOccupation} 与培训项目 ${p.occupationCode} 不一致（§15）`,
    `The certificate's occupation ${p.certificateOccupation} differs from the class's ${p.occupationCode} (§15)`,
  ],
  AMOUNT_NOT_SET: (p) => [
    `文件未规定${level(p.levelCode)[0]}证书的补贴标准，市人社局设定前不予补贴（§15，待定事项）`,
    `The document names no amount for a ${level(p.levelCode)[1]} certificate; not subsidised until the city office sets one (§15, OPEN)`,
  ],
  AMOUNT_ZERO: (p) => [`补贴标准为 0 元，不生成补贴明细（${p.short}）`, `The standard is 0 CNY; no line (${p.short})`],
  NOT_FREE: () => ['该培训向学员收费；取证补贴只给免费组织考取证书的企业或培训机构（§15）', 'The trainee was charged; the certificate subsidy is for training organised free of charge (§15)'],
  NO_CATALOG_STANDARD: () => ['培训项目不在年度培训项目目录内，没有补贴标准，不予重点群体培训补贴（§14、§7）', "The project is outside the year's catalog and has no subsidy standard: no key-group subsidy (§14, §7)"],
  DOUBLE_FUNDING: (p) => [
    `本班已按“${route(p.route)[0]}”补贴，同一培训不再给予取证补贴（§15、§16 专款专用；可配置）`,
    `The class is already funded as "${route(p.route)[1]}"; the same training gets no certificate subsidy as well (§15, §16; a setting)`,
  ],
  HIGH_SKILL_CERTIFICATE_ONLY: () => ['高技能人才培训以取证为补贴申领依据，只按证书补贴（§5）', 'High-skill training is subsidised on the certificate only (§5)'],
  NO_DAYS_ATTENDED: () => ['没有出勤天数，不予生活费补贴（§3）', 'No day attended: no living allowance (§3)'],
  LIVING_NEEDS_COMPLETION: () => ['未结业；按设置，生活费补贴须结业后发放（§3）', 'Not completed; by the setting, the living allowance needs completion (§3)'],
} as const satisfies Record<string, Render>;

export type TraceCode = keyof typeof TRACE_MESSAGES;

/** The zh-CN and en message of a trace code. */
export function traceMessage(code: TraceCode, params: TraceParams): { zh: string; en: string } {
  const [zh, en] = (TRACE_MESSAGES[code] as Render)(params);
  return { zh, en };
}
