/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015, and the organisation code
 * (组织机构代码, GB 11714-1997) embedded in them. See docs: domain-facts §2.
 *
 * 18 characters from USCC_CHARS: registration authority (1) + organisation category (1)
 * + GB/T 2260 division of the registering office (6) + organisation code incl. its own check (9)
 * + MOD 31 check character (1).
 */

/** The 31 characters of GB 32100 (no I, O, S, V, Z); a character's value is its index. */
export const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** W_i = 3^(i-1) mod 31 for i = 1..17. */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 11714 weights for the 8-character organisation code body. */
export const ORG_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

const USCC_PATTERN = /^[1-9ANY][0-9A-HJ-NPQRTUWXY][0-9]{6}[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXY]$/;

/**
 * GB 11714 check character of an 8-character organisation code body (digits and upper-case letters).
 *
 * Pitfall (domain-facts §2.3): letters count A=10 … Z=35 over all 26 letters (charCode − 55), NOT their
 * index in USCC_CHARS. The standard's own example M000100Y4 only checks out with M=22, Y=34.
 */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError(`organisation code body must be 8 of [0-9A-Z], got ${JSON.stringify(body8)}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const code = body8.charCodeAt(i);
    const value = code <= 57 ? code - 48 : code - 55;
    sum += value * ORG_WEIGHTS[i]!;
  }
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

/** GB 32100 check character of a 17-character body: C18 = (31 − Σ C_i·W_i mod 31) mod 31. */
export function creditCodeCheckChar(body17: string): string {
  if (body17.length !== 17) throw new RangeError(`credit code body must be 17 characters, got ${JSON.stringify(body17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARS.indexOf(body17[i]!);
    if (value < 0) throw new RangeError(`${JSON.stringify(body17[i])} is not a GB 32100 character`);
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'format' | 'org_code_check' | 'check_char';

export type ParsedCreditCode = {
  ok: true;
  value: string;
  /** Position 1, 登记管理部门代码 (e.g. '9' 工商/市场监管, '5' 民政, '1' 机构编制). */
  authority: string;
  /** Position 2, 机构类别代码; its meaning depends on the authority (authority '9' + category '1' = 企业, '5' + '2' = 民办非企业单位, '1' + '2' = 事业单位). */
  category: string;
  /** Positions 3–8, GB/T 2260 code of the registering office. */
  divisionCode: string;
  /** Positions 9–17, the 9-character organisation code including its own check character. */
  orgCode: string;
};

/**
 * Validates a unified social credit code: trims and upper-cases, then checks the format, the embedded
 * organisation code's check character, and the code's own check character (first failure is reported).
 * The category is not checked against the authority's table, only its character set.
 */
export function parseCreditCode(raw: string): ParsedCreditCode | { ok: false; problem: CreditCodeProblem } {
  const code = raw.trim().toUpperCase();
  if (!USCC_PATTERN.test(code)) return { ok: false, problem: 'format' };
  const orgCode = code.slice(8, 17);
  if (orgCodeCheckChar(orgCode.slice(0, 8)) !== orgCode[8]) return { ok: false, problem: 'org_code_check' };
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'check_char' };
  return { ok: true, value: code, authority: code[0]!, category: code[1]!, divisionCode: code.slice(2, 8), orgCode };
}
