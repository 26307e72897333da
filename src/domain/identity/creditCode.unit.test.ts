import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ORG_WEIGHTS, USCC_CHARS, USCC_WEIGHTS, creditCodeCheckChar, orgCodeCheckChar, parseCreditCode } from './creditCode.ts';

// domain-facts §2.2 (the standard's example) and §2.4.
const VALID: ReadonlyArray<[code: string, authority: string, category: string, divisionCode: string, orgCode: string]> = [
  ['91350100M000100Y43', '9', '1', '350100', 'M000100Y4'],
  ['91140802MA0K123489', '9', '1', '140802', 'MA0K12348'],
  ['52140800MJY123458Y', '5', '2', '140800', 'MJY123458'],
  ['12140800406100001H', '1', '2', '140800', '406100001'],
  ['93140821MA0L2B3C4T', '9', '3', '140821', 'MA0L2B3C4'],
  ['92140881MA0M4N5P8F', '9', '2', '140881', 'MA0M4N5P8'],
];

const usccChar = fc.constantFrom(...USCC_CHARS);

describe('constants', () => {
  it('USCC weights are 3^(i-1) mod 31', () => {
    expect(USCC_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 3 ** i % 31));
    expect(USCC_CHARS).toHaveLength(31);
    expect(ORG_WEIGHTS).toEqual([3, 7, 9, 10, 5, 8, 4, 2]);
  });
});

describe('orgCodeCheckChar', () => {
  it('values letters A=10..Z=35, not by their USCC index', () => {
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(orgCodeCheckChar('MA0K1234')).toBe('8');
  });

  it('maps 10 to X and 11 to 0', () => {
    // Σ mod 11 = 1 gives 10 → X; Σ mod 11 = 0 gives 11 → 0. Among these small bodies both occur.
    const bodies = Array.from({ length: 100 }, (_, n) => `000000${String(n).padStart(2, '0')}`);
    const checks = new Set(bodies.map(orgCodeCheckChar));
    expect(checks.has('X')).toBe(true);
    expect(checks.has('0')).toBe(true);
    expect(orgCodeCheckChar('00000000')).toBe('0');
  });

  it('rejects invalid bodies', () => {
    expect(() => orgCodeCheckChar('MA0K123')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('ma0k1234')).toThrow(RangeError);
  });
});

describe('creditCodeCheckChar', () => {
  it('computes the standard example', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('rejects characters outside the GB 32100 set', () => {
    expect(() => creditCodeCheckChar('91350100M000100I4')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow(RangeError);
  });
});

describe('parseCreditCode', () => {
  it.each(VALID)('accepts %s', (code, authority, category, divisionCode, orgCode) => {
    expect(parseCreditCode(code)).toEqual({ ok: true, value: code, authority, category, divisionCode, orgCode });
  });

  it('trims and upper-cases', () => {
    expect(parseCreditCode(' 91140802ma0k123489 ')).toMatchObject({ ok: true, value: '91140802MA0K123489' });
  });

  it('rejects the misprinted sample 91350100M000100Y4Z (Z is not a GB 32100 character)', () => {
    expect(parseCreditCode('91350100M000100Y4Z')).toEqual({ ok: false, problem: 'format' });
  });

  it('reports a wrong final character as a check failure', () => {
    expect(parseCreditCode('91350100M000100Y44')).toEqual({ ok: false, problem: 'check_char' });
  });

  it('reports a broken embedded organisation code', () => {
    const body = '91350100M000100Y5';
    expect(parseCreditCode(body + creditCodeCheckChar(body))).toEqual({ ok: false, problem: 'org_code_check' });
  });

  it.each(['', '91140802MA0K12348', '91140802MA0K1234899', '01140802MA0K123489', '9114080AMA0K123489', '91140802MA0K1O3489', 'B1140802MA0K123489'])(
    'rejects the format of %j',
    (code) => {
      expect(parseCreditCode(code)).toEqual({ ok: false, problem: 'format' });
    },
  );

  it('rejects every single-character change of every fixture', () => {
    for (const [code] of VALID) {
      for (let pos = 0; pos < 18; pos++) {
        for (const c of USCC_CHARS) {
          if (c === code[pos]) continue;
          const changed = code.slice(0, pos) + c + code.slice(pos + 1);
          expect(parseCreditCode(changed).ok, changed).toBe(false);
        }
      }
    }
  });

  it('accepts any code built with both check characters and rejects any single change', () => {
    const codeArb = fc
      .record({
        authority: fc.constantFrom(...'123456789ANY'),
        category: usccChar,
        division: fc.integer({ min: 110000, max: 829999 }),
        orgBody: fc.string({ unit: usccChar, minLength: 8, maxLength: 8 }),
      })
      .map(({ authority, category, division, orgBody }) => {
        const body = `${authority}${category}${division}${orgBody}${orgCodeCheckChar(orgBody)}`;
        return body + creditCodeCheckChar(body);
      });
    fc.assert(
      fc.property(codeArb, fc.nat({ max: 17 }), fc.integer({ min: 1, max: 30 }), (code, pos, delta) => {
        expect(parseCreditCode(code)).toMatchObject({ ok: true, value: code });
        const replacement = USCC_CHARS[(USCC_CHARS.indexOf(code[pos]!) + delta) % 31]!;
        expect(parseCreditCode(code.slice(0, pos) + replacement + code.slice(pos + 1)).ok).toBe(false);
      }),
    );
  });
});
