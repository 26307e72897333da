import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ID_CHECK,
  ID_WEIGHTS,
  ageOn,
  convertLegacyIdNumber,
  idCheckChar,
  isMainlandMobile,
  maskIdNumber,
  maskPhone,
  parseIdNumber,
} from './idNumber.ts';

const TODAY = '2024-06-01';

// domain-facts §1.2 (the standard's appendix examples and the worked Yuncheng example) and §1.6.
const VALID: ReadonlyArray<[id: string, birthDate: string, gender: 'M' | 'F']> = [
  ['11010519491231002X', '1949-12-31', 'F'],
  ['440524188001010014', '1880-01-01', 'M'],
  ['140802198506151230', '1985-06-15', 'M'],
  ['140821199202292468', '1992-02-29', 'F'],
  ['140881200001010016', '2000-01-01', 'M'],
  ['140882197809309987', '1978-09-30', 'F'],
  ['140826196511110101', '1965-11-11', 'F'],
  ['140823199901013571', '1999-01-01', 'M'],
  ['14080219900101004X', '1990-01-01', 'F'],
];

const digitArb = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

describe('constants', () => {
  it('weights are 2^(18-i) mod 11', () => {
    expect(ID_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11));
    expect(ID_CHECK).toBe('10X98765432');
  });
});

describe('idCheckChar', () => {
  it('computes the worked examples', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
    expect(idCheckChar('14080219850615123')).toBe('0');
  });

  it('rejects a body that is not 17 digits', () => {
    expect(() => idCheckChar('1408021985061512')).toThrow(RangeError);
    expect(() => idCheckChar('1408021985061512X')).toThrow(RangeError);
  });

  it('any single-digit change of the body changes the check character', () => {
    fc.assert(
      fc.property(digitArb(17), fc.nat({ max: 16 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const changed = body.slice(0, pos) + ((Number(body[pos]) + delta) % 10) + body.slice(pos + 1);
        expect(idCheckChar(changed)).not.toBe(idCheckChar(body));
      }),
    );
  });
});

describe('parseIdNumber', () => {
  it.each(VALID)('accepts %s', (id, birthDate, gender) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: true, value: id, addressCode: id.slice(0, 6), birthDate, gender });
  });

  it('trims and upper-cases x', () => {
    expect(parseIdNumber('  14080219900101004x ', TODAY)).toMatchObject({ ok: true, value: '14080219900101004X' });
  });

  it('rejects every single-character change of every fixture', () => {
    for (const [id] of VALID) {
      for (let pos = 0; pos < 18; pos++) {
        for (const c of '0123456789X') {
          if (c === id[pos]) continue;
          const changed = id.slice(0, pos) + c + id.slice(pos + 1);
          expect(parseIdNumber(changed, TODAY).ok, changed).toBe(false);
        }
      }
    }
  });

  it('reports a changed digit that keeps the date valid as a check failure', () => {
    expect(parseIdNumber('140802198506151231', TODAY)).toEqual({ ok: false, problem: 'check_char' });
    expect(parseIdNumber('140802198506151330', TODAY)).toEqual({ ok: false, problem: 'check_char' });
  });

  it('rejects dates that do not exist', () => {
    expect(parseIdNumber('140821199302292461', TODAY)).toEqual({ ok: false, problem: 'birth_date' });
    const feb30 = '14080219900230123';
    expect(parseIdNumber(feb30 + idCheckChar(feb30), TODAY)).toEqual({ ok: false, problem: 'birth_date' });
    const feb29in1900 = '14080219000229123';
    expect(parseIdNumber(feb29in1900 + idCheckChar(feb29in1900), TODAY)).toEqual({ ok: false, problem: 'birth_date' });
    const feb29in2000 = '14080220000229123';
    expect(parseIdNumber(feb29in2000 + idCheckChar(feb29in2000), TODAY)).toMatchObject({ ok: true });
  });

  it('rejects a birth date after today, accepts one on today', () => {
    const body = '14080220240602123';
    expect(parseIdNumber(body + idCheckChar(body), TODAY)).toEqual({ ok: false, problem: 'future_birth_date' });
    const onToday = '14080220240601123';
    expect(parseIdNumber(onToday + idCheckChar(onToday), TODAY)).toMatchObject({ ok: true, birthDate: '2024-06-01' });
  });

  it.each([
    '',
    '14080219850615123',
    '1408021985061512300',
    '040802198506151230',
    '140802178506151230',
    '140802198513151230',
    '140802198506001230',
    '140802198506321230',
    '14080219850615123Y',
    '1408021985O6151230',
  ])('rejects the format of %j', (id) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, problem: 'format' });
  });

  it('accepts a 15-digit legacy number by converting it', () => {
    expect(parseIdNumber('140802850615123', TODAY)).toEqual({
      ok: true,
      value: '140802198506151230',
      addressCode: '140802',
      birthDate: '1985-06-15',
      gender: 'M',
    });
    expect(parseIdNumber('140802930229123', TODAY)).toEqual({ ok: false, problem: 'birth_date' });
  });

  it('requires today as YYYY-MM-DD', () => {
    expect(() => parseIdNumber('140802198506151230', '20240601')).toThrow(RangeError);
  });

  it('accepts any well-formed number with its check character and rejects any single change', () => {
    const bodyArb = fc
      .record({
        address: fc.integer({ min: 110000, max: 829999 }),
        birth: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2024, 5, 1) }),
        sequence: fc.integer({ min: 0, max: 999 }),
      })
      .map(({ address, birth, sequence }) => {
        const ymd = new Date(birth).toISOString().slice(0, 10).replaceAll('-', '');
        return `${address}${ymd}${String(sequence).padStart(3, '0')}`;
      });
    fc.assert(
      fc.property(bodyArb, fc.nat({ max: 17 }), fc.integer({ min: 1, max: 10 }), (body, pos, delta) => {
        const id = body + idCheckChar(body);
        const parsed = parseIdNumber(id, TODAY);
        expect(parsed).toMatchObject({ ok: true, value: id, gender: Number(body[16]) % 2 ? 'M' : 'F' });
        // Replace one character by another of the alphabet (X only allowed at the check position).
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const replacement = alphabet[(alphabet.indexOf(id[pos]!) + delta) % alphabet.length]!;
        fc.pre(replacement !== id[pos]);
        expect(parseIdNumber(id.slice(0, pos) + replacement + id.slice(pos + 1), TODAY).ok).toBe(false);
      }),
    );
  });
});

describe('convertLegacyIdNumber', () => {
  it('inserts 19 and appends the check character', () => {
    expect(convertLegacyIdNumber('140802850615123')).toBe('140802198506151230');
  });

  it('treats the centenarian sequences 996–999 as born in the 1800s', () => {
    for (const seq of ['996', '997', '998', '999']) {
      const converted = convertLegacyIdNumber(`140802990101${seq}`);
      expect(converted.slice(0, 17)).toBe(`14080218990101${seq}`);
      expect(parseIdNumber(converted, TODAY)).toMatchObject({ ok: true, birthDate: '1899-01-01' });
    }
    expect(convertLegacyIdNumber('140802990101995').slice(6, 10)).toBe('1999');
  });

  it('rejects input that is not 15 digits', () => {
    expect(() => convertLegacyIdNumber('14080285061512')).toThrow(RangeError);
  });
});

describe('ageOn', () => {
  it('counts whole years from the birthday', () => {
    expect(ageOn('1985-06-15', '2024-06-14')).toBe(38);
    expect(ageOn('1985-06-15', '2024-06-15')).toBe(39);
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
  });
});

describe('masking and phones', () => {
  it('masks ID numbers', () => {
    expect(maskIdNumber('14080219900101004X')).toBe('140802********004X');
    expect(maskIdNumber('140802850615123')).toBe('140802*****5123');
    expect(maskIdNumber('1234')).toBe('****');
  });

  it('masks phones', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('1234567')).toBe('*******');
  });

  it('recognises mainland mobiles', () => {
    expect(isMainlandMobile('13812345678')).toBe(true);
    expect(isMainlandMobile('19912345678')).toBe(true);
    expect(isMainlandMobile('12812345678')).toBe(false);
    expect(isMainlandMobile('1381234567')).toBe(false);
    expect(isMainlandMobile('138123456789')).toBe(false);
    expect(isMainlandMobile('0359-2021234')).toBe(false);
  });
});
