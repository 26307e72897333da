import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CertificateNumberError,
  parseCertificateNumber,
  platformCertificateNumber,
  skillLevelCertificateNumber,
  type EvaluatorType,
  type PlatformCertificateType,
} from './certificateNumber.ts';

describe('skillLevelCertificateNumber (domain-facts §4.3)', () => {
  it('builds the 22-character number: letter, body, province 14, site, year, level, serial', () => {
    const n = skillLevelCertificateNumber({ evaluatorType: 'S', bodyCode: '0000', siteCode: '140802', year: 2020, level: 4, serial: 123 });
    expect(n).toBe('S000014140802204000123');
    expect(n).toHaveLength(22);
    expect(skillLevelCertificateNumber({ evaluatorType: 'Y', bodyCode: '0123', provinceCode: '23', siteCode: '000001', year: 2019, level: 5, serial: 1 })).toBe(
      'Y012323000001195000001',
    );
  });

  it('refuses each bad part, naming it', () => {
    const ok = { evaluatorType: 'S' as EvaluatorType, bodyCode: '0000', siteCode: '140802', year: 2020, level: 4, serial: 123 };
    const problem = (patch: Record<string, unknown>) => {
      try {
        skillLevelCertificateNumber({ ...ok, ...patch } as typeof ok);
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(CertificateNumberError);
        return (e as CertificateNumberError).problem;
      }
    };
    expect(problem({})).toBeNull();
    expect(problem({ evaluatorType: 'X' })).toBe('evaluator_type');
    expect(problem({ bodyCode: '12' })).toBe('body_code');
    expect(problem({ bodyCode: '12a4' })).toBe('body_code');
    expect(problem({ provinceCode: '99' })).toBe('province_code');
    expect(problem({ siteCode: '14080' })).toBe('site_code');
    expect(problem({ year: 1999 })).toBe('year');
    expect(problem({ year: 20 })).toBe('year');
    expect(problem({ level: 0 })).toBe('level');
    expect(problem({ level: 6 })).toBe('level');
    expect(problem({ level: 4.5 })).toBe('level');
    expect(problem({ serial: 0 })).toBe('serial');
    expect(problem({ serial: 1_000_000 })).toBe('serial');
  });

  it('parses what it builds (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<EvaluatorType>('Y', 'S'),
        fc.integer({ min: 0, max: 9999 }),
        fc.constantFrom('14', '11', '23', '65'),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 999_999 }),
        (evaluatorType, body, provinceCode, site, year, level, serial) => {
          const bodyCode = String(body).padStart(4, '0');
          const siteCode = String(site).padStart(6, '0');
          const value = skillLevelCertificateNumber({ evaluatorType, bodyCode, provinceCode, siteCode, year, level, serial });
          expect(parseCertificateNumber(value)).toEqual({
            ok: true,
            format: 'skill_level',
            value,
            evaluatorType,
            bodyCode,
            provinciallyFiled: bodyCode === '0000',
            provinceCode,
            siteCode,
            year,
            level,
            serial,
          });
        },
      ),
    );
  });
});

describe('platformCertificateNumber', () => {
  it('numbers 专项, 培训合格 and 职业资格 certificates YC-<kind>-<year>-<serial>', () => {
    expect(platformCertificateNumber({ type: 'special_ability', year: 2020, serial: 123 })).toBe('YC-ZX-2020-000123');
    expect(platformCertificateNumber({ type: 'training_completion', year: 2020, serial: 123 })).toBe('YC-PX-2020-000123');
    expect(platformCertificateNumber({ type: 'qualification', year: 2021, serial: 999_999 })).toBe('YC-ZG-2021-999999');
  });

  it('refuses a bad type, year or serial', () => {
    expect(() => platformCertificateNumber({ type: 'skill_level' as PlatformCertificateType, year: 2020, serial: 1 })).toThrow(CertificateNumberError);
    expect(() => platformCertificateNumber({ type: 'special_ability', year: 1999, serial: 1 })).toThrow(/year/);
    expect(() => platformCertificateNumber({ type: 'special_ability', year: 2020, serial: 0 })).toThrow(/serial/);
  });
});

describe('parseCertificateNumber', () => {
  it('reads both formats, trimmed and upper-cased', () => {
    expect(parseCertificateNumber(' s000014140802204000123 ')).toMatchObject({ ok: true, format: 'skill_level', evaluatorType: 'S', provinceCode: '14', siteCode: '140802', year: 2020, level: 4, serial: 123 });
    expect(parseCertificateNumber('yc-px-2020-000123')).toEqual({ ok: true, format: 'platform', value: 'YC-PX-2020-000123', type: 'training_completion', year: 2020, serial: 123 });
  });

  it('reports the first problem', () => {
    expect(parseCertificateNumber('')).toEqual({ ok: false, problem: 'format' });
    expect(parseCertificateNumber('S00001414080220400012')).toEqual({ ok: false, problem: 'format' }); // 21 characters
    expect(parseCertificateNumber('X000014140802204000123')).toEqual({ ok: false, problem: 'format' });
    expect(parseCertificateNumber('S000099140802204000123')).toEqual({ ok: false, problem: 'province_code' });
    expect(parseCertificateNumber('S000014140802206000123')).toEqual({ ok: false, problem: 'level' });
    expect(parseCertificateNumber('S000014140802200000123')).toEqual({ ok: false, problem: 'level' });
    expect(parseCertificateNumber('S000014140802204000000')).toEqual({ ok: false, problem: 'serial' });
    expect(parseCertificateNumber('YC-QQ-2020-000123')).toEqual({ ok: false, problem: 'kind' });
    expect(parseCertificateNumber('YC-ZX-1999-000123')).toEqual({ ok: false, problem: 'year' });
    expect(parseCertificateNumber('YC-ZX-2020-000000')).toEqual({ ok: false, problem: 'serial' });
    expect(parseCertificateNumber('YC-ZX-2020-00123')).toEqual({ ok: false, problem: 'format' });
  });
});
