/**
 * Certificate numbers.
 *
 * 职业技能等级证书 use the national 22-character format (domain-facts §4.3; 1 letter + 21 digits, no
 * check digit):
 *
 * | pos   | part                         | here                                              |
 * |-------|------------------------------|---------------------------------------------------|
 * | 1     | 评价机构类别                 | `Y` 用人单位, `S` 社会培训评价组织                 |
 * | 2–5   | 评价机构代码                 | `0001`–`9999` filed with 人社部, `0000` with the province |
 * | 6–7   | 省级代码                     | `14` 山西 (default)                               |
 * | 8–13  | 评价机构(站点)序列码         | assigned by the provincial 人社厅                  |
 * | 14–15 | 证书核发年份                 | last two digits of the year                       |
 * | 16    | 职业技能等级代码             | `1`–`5` (= the 级 number)                          |
 * | 17–22 | 证书序列码                   | `000001`–`999999`                                 |
 *
 * e.g. `S000014140802204000123`: a provincially filed social training-evaluation organisation, Shanxi,
 * site 140802, issued 2020, 四级, serial 123.
 *
 * The other certificate types have no national number format that the platform could follow, so the
 * platform numbers the ones it issues itself as `YC-<kind>-<year>-<serial>`:
 *
 * | type                 | kind | example              |
 * |----------------------|------|----------------------|
 * | special_ability      | ZX   | `YC-ZX-2020-000123`  | 专项职业能力证书 |
 * | training_completion  | PX   | `YC-PX-2020-000123`  | 培训合格证书     |
 * | qualification        | ZG   | `YC-ZG-2020-000123`  | 职业资格证书 (records of certificates issued elsewhere normally keep their own number) |
 *
 * `YC` is 运城; the year is the issue year; the serial is 6 digits, counted per kind and year.
 */

export type EvaluatorType = 'Y' | 'S';

/** 山西省 in GB/T 2260. */
export const SHANXI_PROVINCE_CODE = '14';

/** GB/T 2260 province-level codes (incl. 71 台湾, 81 香港, 82 澳门). */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

export type PlatformCertificateType = 'special_ability' | 'training_completion' | 'qualification';

export const PLATFORM_NUMBER_KINDS: Readonly<Record<PlatformCertificateType, string>> = {
  special_ability: 'ZX',
  training_completion: 'PX',
  qualification: 'ZG',
};

const PLATFORM_CITY = 'YC';
const MAX_SERIAL = 999_999;

export type CertificateNumberProblem =
  | 'format'
  | 'evaluator_type'
  | 'body_code'
  | 'province_code'
  | 'site_code'
  | 'year'
  | 'level'
  | 'serial'
  | 'kind';

/** A number that cannot be built; `problem` names the part. */
export class CertificateNumberError extends RangeError {
  readonly problem: CertificateNumberProblem;
  constructor(problem: CertificateNumberProblem, message: string) {
    super(message);
    this.name = 'CertificateNumberError';
    this.problem = problem;
  }
}

export type SkillLevelNumberInput = {
  evaluatorType: EvaluatorType;
  /** 4 digits; `0000` for a body filed with the provincial 人社厅. */
  bodyCode: string;
  /** 2 digits; defaults to `14` (山西). */
  provinceCode?: string;
  /** 6 digits, assigned by the provincial 人社厅. */
  siteCode: string;
  /** The full issue year, 2000–2099. */
  year: number;
  /** 1 (一级/高级技师) … 5 (五级/初级工). */
  level: number;
  /** 1–999999. */
  serial: number;
};

/** Builds a 职业技能等级证书 number; throws `CertificateNumberError` naming the first bad part. */
export function skillLevelCertificateNumber(input: SkillLevelNumberInput): string {
  const province = input.provinceCode ?? SHANXI_PROVINCE_CODE;
  if (input.evaluatorType !== 'Y' && input.evaluatorType !== 'S') {
    throw new CertificateNumberError('evaluator_type', `The evaluator type must be Y or S, not ${JSON.stringify(input.evaluatorType)}`);
  }
  if (!/^\d{4}$/.test(input.bodyCode)) throw new CertificateNumberError('body_code', `The evaluation body code must be 4 digits, not ${JSON.stringify(input.bodyCode)}`);
  if (!PROVINCE_CODES.has(province)) throw new CertificateNumberError('province_code', `${JSON.stringify(province)} is not a GB/T 2260 province code`);
  if (!/^\d{6}$/.test(input.siteCode)) throw new CertificateNumberError('site_code', `The site code must be 6 digits, not ${JSON.stringify(input.siteCode)}`);
  checkYear(input.year);
  if (!Number.isInteger(input.level) || input.level < 1 || input.level > 5) {
    throw new CertificateNumberError('level', `The skill level must be 1–5, not ${input.level}`);
  }
  checkSerial(input.serial);
  return `${input.evaluatorType}${input.bodyCode}${province}${input.siteCode}${String(input.year % 100).padStart(2, '0')}${input.level}${pad6(input.serial)}`;
}

/** Builds a platform number such as `YC-ZX-2020-000123`; throws `CertificateNumberError`. */
export function platformCertificateNumber(input: { type: PlatformCertificateType; year: number; serial: number }): string {
  const kind = PLATFORM_NUMBER_KINDS[input.type];
  if (!kind) throw new CertificateNumberError('kind', `No platform number format for ${JSON.stringify(input.type)}`);
  checkYear(input.year);
  checkSerial(input.serial);
  return `${PLATFORM_CITY}-${kind}-${input.year}-${pad6(input.serial)}`;
}

export type ParsedSkillLevelNumber = {
  ok: true;
  format: 'skill_level';
  value: string;
  evaluatorType: EvaluatorType;
  bodyCode: string;
  /** True when the body is filed with a provincial 人社厅 (body code 0000). */
  provinciallyFiled: boolean;
  provinceCode: string;
  siteCode: string;
  /** The full year (2000 + the two digits: the format dates from the 2019 reform). */
  year: number;
  level: number;
  serial: number;
};

export type ParsedPlatformNumber = {
  ok: true;
  format: 'platform';
  value: string;
  type: PlatformCertificateType;
  year: number;
  serial: number;
};

export type ParsedCertificateNumber = ParsedSkillLevelNumber | ParsedPlatformNumber;

const SKILL_LEVEL_PATTERN = /^([YS])(\d{4})(\d{2})(\d{6})(\d{2})(\d)(\d{6})$/;
const PLATFORM_PATTERN = /^YC-([A-Z]{2})-(\d{4})-(\d{6})$/;

/**
 * Parses either format (trimmed, upper-cased). Reports the first problem: `format` when the shape is
 * neither, otherwise the part that is out of range.
 */
export function parseCertificateNumber(raw: string): ParsedCertificateNumber | { ok: false; problem: CertificateNumberProblem } {
  const value = raw.trim().toUpperCase();
  const s = SKILL_LEVEL_PATTERN.exec(value);
  if (s) {
    const [, type, body, province, site, yy, level, serial] = s as unknown as [string, EvaluatorType, string, string, string, string, string, string];
    if (!PROVINCE_CODES.has(province)) return { ok: false, problem: 'province_code' };
    const lv = Number(level);
    if (lv < 1 || lv > 5) return { ok: false, problem: 'level' };
    const n = Number(serial);
    if (n < 1) return { ok: false, problem: 'serial' };
    return {
      ok: true,
      format: 'skill_level',
      value,
      evaluatorType: type,
      bodyCode: body,
      provinciallyFiled: body === '0000',
      provinceCode: province,
      siteCode: site,
      year: 2000 + Number(yy),
      level: lv,
      serial: n,
    };
  }
  const p = PLATFORM_PATTERN.exec(value);
  if (p) {
    const [, kind, year, serial] = p as unknown as [string, string, string, string];
    const type = (Object.keys(PLATFORM_NUMBER_KINDS) as PlatformCertificateType[]).find((t) => PLATFORM_NUMBER_KINDS[t] === kind);
    if (!type) return { ok: false, problem: 'kind' };
    const y = Number(year);
    if (y < 2000 || y > 2099) return { ok: false, problem: 'year' };
    const n = Number(serial);
    if (n < 1) return { ok: false, problem: 'serial' };
    return { ok: true, format: 'platform', value, type, year: y, serial: n };
  }
  return { ok: false, problem: 'format' };
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2099) throw new CertificateNumberError('year', `The year must be 2000–2099, not ${year}`);
}

function checkSerial(serial: number): void {
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_SERIAL) {
    throw new CertificateNumberError('serial', `The serial must be 1–${MAX_SERIAL}, not ${serial}`);
  }
}

const pad6 = (n: number) => String(n).padStart(6, '0');
