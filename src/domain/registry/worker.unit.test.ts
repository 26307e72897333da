import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { demoWorkers } from '../demo/workers.ts';
import { ERROR_CATALOGUE } from '../errors.ts';
import { REPORTING_UNITS, TOWNSHIPS, YUNCHENG_ETDZ_CODE } from '../identity/divisions.ts';
import { idCheckChar } from '../identity/idNumber.ts';
import type { Problem } from './problems.ts';
import {
  EDUCATION_CODES,
  EDUCATION_LABELS,
  EDUCATION_LEVELS,
  isValidPersonName,
  normalizeName,
  resolveReportingUnit,
  validateWorker,
  validateWorkerRow,
  WORKER_COLUMNS,
  type WorkerResult,
} from './worker.ts';

const TODAY = '2024-06-01';
const CTX = { today: TODAY };
const ROW_CTX = { today: TODAY, categoryFrom: '2024-03-01' };

// domain-facts §1.6 and the standard's own examples (§1.2).
const FIXTURES: ReadonlyArray<[id: string, county: string, birthDate: string, gender: 'M' | 'F']> = [
  ['140802198506151230', '140802', '1985-06-15', 'M'],
  ['140821199202292468', '140821', '1992-02-29', 'F'],
  ['140881200001010016', '140881', '2000-01-01', 'M'],
  ['140882197809309987', '140882', '1978-09-30', 'F'],
  ['140826196511110101', '140826', '1965-11-11', 'F'],
  ['140823199901013571', '140823', '1999-01-01', 'M'],
  ['14080219900101004X', '140802', '1990-01-01', 'F'],
  ['11010519491231002X', '110105', '1949-12-31', 'F'],
  ['440524188001010014', '440524', '1880-01-01', 'M'],
];

function withCheck(body17: string): string {
  return body17 + idCheckChar(body17);
}

function expectRenderable(problems: readonly Problem[]) {
  // Every placeholder of the message has its parameter (the values themselves may contain anything).
  for (const p of problems) for (const [, name] of ERROR_CATALOGUE[p.code].en.matchAll(/\{(\w+)\}/g)) expect(p.params, p.code).toHaveProperty(name!);
}

function problemsOf(result: WorkerResult): Problem[] {
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expectRenderable(result.problems);
  return result.problems;
}

function codes(result: WorkerResult): [string, string][] {
  return problemsOf(result).map((p) => [p.field, p.code]);
}

const base = { name: '张三', idNumber: '140802198506151230', unitCode: '140802' };

describe('validateWorker: ID numbers', () => {
  it.each(FIXTURES)('accepts %s and derives birth date, gender and address code', (idNumber, county, birthDate, gender) => {
    const r = validateWorker({ ...base, idNumber }, CTX);
    expect(r).toMatchObject({ ok: true, value: { idNumber, addressCode: county, birthDate, gender }, warnings: [] });
  });

  it('accepts a lower-case x and surrounding or inner spaces, full-width digits, and normalises them', () => {
    expect(validateWorker({ ...base, idNumber: ' 14080219900101004x ' }, CTX)).toMatchObject({ ok: true, value: { idNumber: '14080219900101004X' } });
    expect(validateWorker({ ...base, idNumber: '140802 19850615 1230' }, CTX)).toMatchObject({ ok: true, value: { idNumber: '140802198506151230' } });
    expect(validateWorker({ ...base, idNumber: '１４０８０２１９９００１０１００４ｘ' }, CTX)).toMatchObject({ ok: true, value: { idNumber: '14080219900101004X' } });
  });

  it('converts a 15-digit legacy number and warns that it did', () => {
    const r = validateWorker({ ...base, idNumber: '140802850615123' }, CTX);
    expect(r).toEqual(expect.objectContaining({ ok: true, warnings: [{ field: 'idNumber', code: 'ID_LEGACY_CONVERTED', params: {} }] }));
    expect(r.ok && r.value).toMatchObject({ idNumber: '140802198506151230', birthDate: '1985-06-15', gender: 'M' });
  });

  it('maps each ID problem to its own code', () => {
    expect(problemsOf(validateWorker({ ...base, idNumber: '140821199302292461' }, CTX))).toEqual([
      { field: 'idNumber', code: 'ID_BIRTH_DATE_INVALID', params: { date: '1993-02-29' } },
    ]);
    expect(problemsOf(validateWorker({ ...base, idNumber: withCheck('14080219900230123') }, CTX))).toEqual([
      { field: 'idNumber', code: 'ID_BIRTH_DATE_INVALID', params: { date: '1990-02-30' } },
    ]);
    expect(problemsOf(validateWorker({ ...base, idNumber: withCheck('14080220240602123') }, CTX))).toEqual([
      { field: 'idNumber', code: 'ID_BIRTH_DATE_FUTURE', params: { date: '2024-06-02' } },
    ]);
    expect(validateWorker({ ...base, idNumber: withCheck('14080220240601123') }, CTX).ok).toBe(true);
    expect(codes(validateWorker({ ...base, idNumber: '140802198506151231' }, CTX))).toEqual([['idNumber', 'ID_CHECK_CHAR']]);
    for (const bad of ['14080219850615123', '1408021985061512300', '040802198506151230', '14080219850615123Y', 'abc']) {
      expect(codes(validateWorker({ ...base, idNumber: bad }, CTX)), bad).toEqual([['idNumber', 'ID_FORMAT']]);
    }
    expect(codes(validateWorker({ ...base, idNumber: '140802930229123' }, CTX))).toEqual([['idNumber', 'ID_BIRTH_DATE_INVALID']]);
    expect(codes(validateWorker({ ...base, idNumber: '   ' }, CTX))).toEqual([['idNumber', 'ID_REQUIRED']]);
    expect(codes(validateWorker({ ...base, idNumber: '1.40802E+17' }, CTX))).toEqual([['idNumber', 'ID_EXCEL_SCIENTIFIC']]);
  });

  it('rejects every single-character change of every fixture', () => {
    for (const [id] of FIXTURES) {
      for (let pos = 0; pos < 18; pos++) {
        for (const c of '0123456789X') {
          if (c === id[pos]) continue;
          const changed = id.slice(0, pos) + c + id.slice(pos + 1);
          expect(validateWorker({ ...base, idNumber: changed }, CTX).ok, changed).toBe(false);
        }
      }
    }
  });

  it('warns (never rejects) on an address code outside every province; abolished and other provinces pass silently', () => {
    // 142701: the former county-level 运城市, abolished in 2000; 110105 Beijing; 810000/820000/830000 HK, Macao, Taiwan residence permits.
    for (const address of ['142701', '110105', '650102', '710000', '810000', '820000', '830000', '910000']) {
      const r = validateWorker({ ...base, idNumber: withCheck(`${address}19850615123`) }, CTX);
      expect(r, address).toMatchObject({ ok: true, warnings: [] });
    }
    for (const address of ['160000', '240101', '660000', '700000', '840000', '790101']) {
      const r = validateWorker({ ...base, idNumber: withCheck(`${address}19850615123`) }, CTX);
      expect(r, address).toMatchObject({ ok: true, warnings: [{ field: 'idNumber', code: 'ID_ADDRESS_CODE_UNKNOWN', params: { code: address } }] });
      if (r.ok) expectRenderable(r.warnings);
    }
  });

  const validIdArb = fc
    .record({
      county: fc.constantFrom(...REPORTING_UNITS.filter((u) => !u.isDevelopmentZone).map((u) => u.code)),
      day: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2024, 5, 1) }),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ county, day, sequence }) => {
      const birthDate = new Date(day).toISOString().slice(0, 10);
      const id = withCheck(`${county}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`);
      return { id, county, birthDate, gender: sequence % 2 === 1 ? 'M' : 'F' };
    });

  it('accepts every generated valid ID, with a random unit and one of its townships', () => {
    const unitArb = fc.constantFrom(...REPORTING_UNITS).chain((unit) =>
      fc.record({
        unit: fc.constant(unit),
        township: fc.constantFrom(
          ...(unit.isDevelopmentZone ? [YUNCHENG_ETDZ_CODE] : TOWNSHIPS.filter((t) => t.countyCode === unit.code && t.code !== YUNCHENG_ETDZ_CODE).map((t) => t.code)),
        ),
      }),
    );
    fc.assert(
      fc.property(validIdArb, unitArb, ({ id, county, birthDate, gender }, { unit, township }) => {
        const r = validateWorker({ name: '李四', idNumber: id, unitCode: unit.code, townshipCode: township, gender, birthDate }, CTX);
        expect(r).toEqual({
          ok: true,
          value: expect.objectContaining({ idNumber: id, addressCode: county, birthDate, gender, unitCode: unit.code, countyCode: unit.code.slice(0, 6), townshipCode: township }),
          warnings: [],
        });
      }),
    );
  });

  it('rejects every single-character change of a generated valid ID', () => {
    const replacement = fc.oneof(fc.constantFrom(...'0123456789X'), fc.string({ minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(validIdArb, fc.nat({ max: 17 }), replacement, ({ id }, pos, c) => {
        fc.pre(c !== id[pos] && c.toUpperCase() !== id[pos]);
        const changed = id.slice(0, pos) + c + id.slice(pos + 1);
        expect(validateWorker({ ...base, idNumber: changed }, CTX).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts the demo data set', () => {
    for (const w of demoWorkers('registry-test', 2000, TODAY)) {
      const r = validateWorker({ name: w.name, idNumber: w.idNumber, phone: w.phone, unitCode: w.unitCode, townshipCode: w.townshipCode, gender: w.gender, birthDate: w.birthDate }, CTX);
      expect(r, JSON.stringify(w)).toMatchObject({ ok: true, value: { countyCode: w.countyCode }, warnings: [] });
    }
  });
});

describe('validateWorker: other fields', () => {
  it('normalises a full record', () => {
    const r = validateWorker(
      {
        name: '  买买提 • 艾力 ',
        idNumber: '140821199202292468',
        phone: '+86 138-1234-5678',
        unitCode: '140821',
        townshipCode: '140821102',
        education: 'vocational',
        disability: false,
        gender: 'F',
        birthDate: '1992-02-29',
        categories: [{ code: 'registered_poor', validFrom: '2019-01-01', validTo: '2020-12-31' }],
      },
      CTX,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        name: '买买提·艾力',
        idNumber: '140821199202292468',
        addressCode: '140821',
        gender: 'F',
        birthDate: '1992-02-29',
        phone: '13812345678',
        unitCode: '140821',
        countyCode: '140821',
        townshipCode: '140821102',
        education: 'vocational',
        disability: false,
        categories: [{ code: 'registered_poor', validFrom: '2019-01-01', validTo: '2020-12-31' }],
      },
      warnings: [],
    });
  });

  it('treats null and empty strings as not given', () => {
    const r = validateWorker({ ...base, phone: '', townshipCode: null, education: null, gender: '', birthDate: null, categories: null }, CTX);
    expect(r).toMatchObject({ ok: true, value: { phone: null, townshipCode: null, education: null, disability: null, categories: [] } });
  });

  it.each([
    ['张三', true],
    ['欧阳娜娜', true],
    ['买买提·艾力', true],
    ['阿依古丽·买买提·吐尔逊', true],
    ['John Smith', true],
    ['𠇔明', true],
    ['张', false],
    ['张3', false],
    ['·张三', false],
    ['张三·', false],
    ['张··三', false],
    ['张 三', true],
    ['Zhang  San', true],
    ['张三!', false],
    ['张'.repeat(31), false],
  ])('name %j valid: %s', (name, ok) => {
    expect(isValidPersonName(normalizeName(name))).toBe(ok);
    const r = validateWorker({ ...base, name }, CTX);
    if (ok) expect(r.ok).toBe(true);
    else expect(problemsOf(r)).toEqual([{ field: 'name', code: 'WORKER_NAME_INVALID', params: { min: 2, max: 30 } }]);
  });

  it('requires a mainland mobile number', () => {
    expect(validateWorker({ ...base, phone: '13912345678' }, CTX)).toMatchObject({ ok: true, value: { phone: '13912345678' } });
    expect(validateWorker({ ...base, phone: '8613912345678' }, CTX)).toMatchObject({ ok: true, value: { phone: '13912345678' } });
    for (const phone of ['12912345678', '1391234567', '0359-1234567', '139123456789', 'phone']) {
      expect(codes(validateWorker({ ...base, phone }, CTX)), phone).toEqual([['phone', 'PHONE_INVALID']]);
    }
    expect(codes(validateWorker({ ...base, phone: '1.39123E+10' }, CTX))).toEqual([['phone', 'PHONE_EXCEL_SCIENTIFIC']]);
  });

  it('requires one of the 14 reporting units and a township of its county', () => {
    for (const unit of REPORTING_UNITS) {
      expect(validateWorker({ ...base, unitCode: unit.code }, CTX)).toMatchObject({ ok: true, value: { unitCode: unit.code, countyCode: unit.code.slice(0, 6) } });
    }
    expect(problemsOf(validateWorker({ ...base, unitCode: '140800' }, CTX))).toEqual([{ field: 'unitCode', code: 'WORKER_UNIT_UNKNOWN', params: { value: '140800' } }]);
    expect(codes(validateWorker({ ...base, unitCode: '140821', townshipCode: '140822100' }, CTX))).toEqual([['townshipCode', 'WORKER_TOWNSHIP_OUTSIDE_UNIT']]);
    expect(codes(validateWorker({ ...base, unitCode: '140821', townshipCode: '140821999' }, CTX))).toEqual([['townshipCode', 'WORKER_TOWNSHIP_UNKNOWN']]);
  });

  it('gives the development zone its own township, and keeps 盐湖区 and the zone apart', () => {
    expect(validateWorker({ ...base, unitCode: YUNCHENG_ETDZ_CODE }, CTX)).toMatchObject({ ok: true, value: { countyCode: '140802', townshipCode: YUNCHENG_ETDZ_CODE } });
    expect(validateWorker({ ...base, unitCode: YUNCHENG_ETDZ_CODE, townshipCode: YUNCHENG_ETDZ_CODE }, CTX).ok).toBe(true);
    expect(problemsOf(validateWorker({ ...base, unitCode: YUNCHENG_ETDZ_CODE, townshipCode: '140802001' }, CTX))).toEqual([
      { field: 'townshipCode', code: 'WORKER_TOWNSHIP_OUTSIDE_UNIT', params: { township: '140802001', unit: '运城经济技术开发区' } },
    ]);
    expect(problemsOf(validateWorker({ ...base, unitCode: '140802', townshipCode: YUNCHENG_ETDZ_CODE }, CTX))).toEqual([
      { field: 'townshipCode', code: 'WORKER_TOWNSHIP_IS_ZONE', params: { township: YUNCHENG_ETDZ_CODE, zone: YUNCHENG_ETDZ_CODE } },
    ]);
    expect(validateWorker({ ...base, unitCode: '140802', townshipCode: '140802001' }, CTX)).toMatchObject({ ok: true, value: { townshipCode: '140802001' } });
  });

  it('rejects a gender or birth date that disagrees with the ID number, naming the field', () => {
    expect(problemsOf(validateWorker({ ...base, gender: 'F' }, CTX))).toEqual([{ field: 'gender', code: 'WORKER_GENDER_MISMATCH', params: {} }]);
    expect(problemsOf(validateWorker({ ...base, birthDate: '1985-06-16' }, CTX))).toEqual([
      { field: 'birthDate', code: 'WORKER_BIRTH_DATE_MISMATCH', params: { value: '1985-06-16', expected: '1985-06-15' } },
    ]);
    expect(codes(validateWorker({ ...base, birthDate: '1985-02-30' }, CTX))).toEqual([['birthDate', 'WORKER_BIRTH_DATE_INVALID']]);
    expect(codes(validateWorker({ ...base, gender: 'X' }, CTX))).toEqual([['gender', 'WORKER_GENDER_INVALID']]);
    expect(validateWorker({ ...base, gender: 'M', birthDate: '1985-06-15' }, CTX).ok).toBe(true);
  });

  it('checks the category periods and names them by index', () => {
    const r = validateWorker(
      {
        ...base,
        categories: [
          { code: 'laid_off', validFrom: '2020-01-01', validTo: null },
          { code: 'laid_off', validFrom: '2021-01-01', validTo: '2021-06-30' },
          { code: 'enterprise_employee', validFrom: '2020-01-01', validTo: null },
        ],
      },
      CTX,
    );
    expect(codes(r)).toEqual([
      ['categories.1', 'CATEGORY_PERIOD_OVERLAP'],
      ['categories.2.employerOrgId', 'CATEGORY_EMPLOYER_REQUIRED'],
    ]);
  });

  it('names missing, mistyped and unknown fields and still checks the rest', () => {
    expect(codes(validateWorker({}, CTX))).toEqual([
      ['name', 'WORKER_NAME_REQUIRED'],
      ['idNumber', 'ID_REQUIRED'],
      ['unitCode', 'WORKER_UNIT_REQUIRED'],
    ]);
    expect(codes(validateWorker({ ...base, idNumber: 140802198506151230, education: '本科', colour: 'red', phone: '123' }, CTX))).toEqual([
      ['idNumber', 'ID_FORMAT'],
      ['education', 'WORKER_EDUCATION_INVALID'],
      ['colour', 'UNKNOWN_FIELD'],
      ['phone', 'PHONE_INVALID'],
    ]);
    expect(codes(validateWorker({ ...base, categories: [{ code: 'veteran', validFrom: 20200101, validTo: null }] }, CTX))).toEqual([
      ['categories.0.validFrom', 'CATEGORY_DATE_INVALID'],
    ]);
    for (const input of [null, 'worker', 42, []]) expect(codes(validateWorker(input, CTX))).toEqual([['', 'WORKER_INPUT_INVALID']]);
  });

  it('exports the education levels with their Chinese labels', () => {
    expect(EDUCATION_LEVELS.map((e) => e.code)).toEqual([...EDUCATION_CODES]);
    expect(Object.values(EDUCATION_LABELS)).toEqual(['小学及以下', '初中', '高中', '中专/技校', '大专', '本科', '研究生']);
  });
});

describe('validateWorkerRow', () => {
  const row = (cells: Record<string, string>): Record<string, string> => ({
    姓名: '张三',
    公民身份号码: '140802198506151230',
    手机号码: '',
    县区代码: '140802',
    '乡镇（街道）': '',
    人员类别: '',
    文化程度: '',
    是否残疾: '',
    性别: '',
    出生日期: '',
    ...cells,
  });

  it('has stable headers in order with their required flags', () => {
    expect(WORKER_COLUMNS.map((c) => [c.header, c.required])).toEqual([
      ['姓名', true],
      ['公民身份号码', true],
      ['手机号码', false],
      ['县区代码', true],
      ['乡镇（街道）', false],
      ['人员类别', false],
      ['文化程度', false],
      ['是否残疾', false],
      ['性别', false],
      ['出生日期', false],
    ]);
  });

  it('reads a full row', () => {
    const r = validateWorkerRow(
      row({
        公民身份号码: '140821199202292468',
        手机号码: '13812345678',
        县区代码: '临猗县',
        '乡镇（街道）': '临晋镇',
        人员类别: '建档立卡、两后生',
        文化程度: '中专/技校',
        是否残疾: '是',
        性别: '女',
        出生日期: '1992/2/29',
      }),
      ROW_CTX,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        name: '张三',
        idNumber: '140821199202292468',
        addressCode: '140821',
        gender: 'F',
        birthDate: '1992-02-29',
        phone: '13812345678',
        unitCode: '140821',
        countyCode: '140821',
        townshipCode: '140821102',
        education: 'vocational',
        disability: true,
        categories: [
          { code: 'registered_poor', validFrom: '2024-03-01', validTo: null },
          { code: 'two_after', validFrom: '2024-03-01', validTo: null },
        ],
      },
      warnings: [],
    });
  });

  it.each([
    ['140821', '140821'],
    ['临猗县', '140821'],
    ['临猗', '140821'],
    ['140821000000', '140821'],
    ['140802404', YUNCHENG_ETDZ_CODE],
    ['运城经济技术开发区', YUNCHENG_ETDZ_CODE],
    ['运城开发区', YUNCHENG_ETDZ_CODE],
    ['绛县', '140826'],
    ['永济市', '140881'],
  ])('reads the unit %s', (cell, code) => {
    expect(resolveReportingUnit(cell)?.code).toBe(code);
    expect(validateWorkerRow(row({ 县区代码: cell }), ROW_CTX)).toMatchObject({ ok: true, value: { unitCode: code } });
  });

  it('names problems by the Chinese header, in column order', () => {
    const r = validateWorkerRow(
      row({ 姓名: '', 公民身份号码: '140802198506151231', 县区代码: '运城市', 人员类别: '外来人员', 文化程度: '幼儿园', 是否残疾: '有', 性别: '男性女', 出生日期: '85年' }),
      ROW_CTX,
    );
    expect(problemsOf(r)).toEqual([
      { field: '姓名', code: 'WORKER_NAME_REQUIRED', params: {} },
      { field: '公民身份号码', code: 'ID_CHECK_CHAR', params: {} },
      { field: '县区代码', code: 'WORKER_UNIT_UNKNOWN', params: { value: '运城市' } },
      { field: '人员类别', code: 'CATEGORY_UNKNOWN', params: { value: '外来人员' } },
      { field: '文化程度', code: 'WORKER_EDUCATION_INVALID', params: { value: '幼儿园' } },
      { field: '是否残疾', code: 'WORKER_DISABILITY_INVALID', params: { value: '有' } },
      { field: '性别', code: 'WORKER_GENDER_INVALID', params: { value: '男性女' } },
      { field: '出生日期', code: 'WORKER_BIRTH_DATE_INVALID', params: { value: '85年' } },
    ]);
  });

  it('tells the clerk to format the ID column as text when Excel turned it into a number', () => {
    for (const cell of ['1.40802E+17', '1.40802198506151E+17', '1.40802198506151e+17', '1E+17']) {
      expect(problemsOf(validateWorkerRow(row({ 公民身份号码: cell }), ROW_CTX)), cell).toEqual([{ field: '公民身份号码', code: 'ID_EXCEL_SCIENTIFIC', params: { value: cell } }]);
    }
    expect(codes(validateWorkerRow(row({ 公民身份号码: '' }), ROW_CTX))).toEqual([['公民身份号码', 'ID_REQUIRED']]);
    expect(codes(validateWorkerRow(row({ 县区代码: '' }), ROW_CTX))).toEqual([['县区代码', 'WORKER_UNIT_REQUIRED']]);
  });

  it('checks gender and birth date against the ID number', () => {
    expect(codes(validateWorkerRow(row({ 性别: '女', 出生日期: '1985年6月16日' }), ROW_CTX))).toEqual([
      ['性别', 'WORKER_GENDER_MISMATCH'],
      ['出生日期', 'WORKER_BIRTH_DATE_MISMATCH'],
    ]);
    for (const date of ['1985-06-15', '1985-6-15', '1985.6.15', '19850615', '1985年06月15日', '1985-06-15 00:00:00', '1985-06-15T00:00:00.000Z']) {
      expect(validateWorkerRow(row({ 性别: '男', 出生日期: date }), ROW_CTX).ok, date).toBe(true);
    }
  });

  it('checks townships by code or by name within the county', () => {
    expect(validateWorkerRow(row({ '乡镇（街道）': '140802001' }), ROW_CTX)).toMatchObject({ ok: true, value: { townshipCode: '140802001' } });
    expect(validateWorkerRow(row({ '乡镇（街道）': '中城街道' }), ROW_CTX)).toMatchObject({ ok: true, value: { townshipCode: '140802001' } });
    expect(validateWorkerRow(row({ 县区代码: '运城开发区', '乡镇（街道）': '' }), ROW_CTX)).toMatchObject({ ok: true, value: { townshipCode: YUNCHENG_ETDZ_CODE } });
    expect(validateWorkerRow(row({ 县区代码: '运城开发区', '乡镇（街道）': '运城经济技术开发区' }), ROW_CTX)).toMatchObject({ ok: true });
    expect(codes(validateWorkerRow(row({ '乡镇（街道）': '猗氏镇' }), ROW_CTX))).toEqual([['乡镇（街道）', 'WORKER_TOWNSHIP_UNKNOWN']]);
    expect(codes(validateWorkerRow(row({ '乡镇（街道）': '140821100' }), ROW_CTX))).toEqual([['乡镇（街道）', 'WORKER_TOWNSHIP_OUTSIDE_UNIT']]);
  });

  it('needs the employer for 企业职工, from the import context', () => {
    expect(codes(validateWorkerRow(row({ 人员类别: '企业职工、农民工' }), ROW_CTX))).toEqual([['人员类别', 'CATEGORY_EMPLOYER_REQUIRED']]);
    const r = validateWorkerRow(row({ 人员类别: '企业职工、农民工' }), { ...ROW_CTX, employerOrgId: 'org-7' });
    expect(r).toMatchObject({
      ok: true,
      value: {
        categories: [
          { code: 'enterprise_employee', validFrom: '2024-03-01', validTo: null, employerOrgId: 'org-7' },
          { code: 'rural_migrant', validFrom: '2024-03-01', validTo: null },
        ],
      },
    });
  });

  it('accepts the education labels and common spellings', () => {
    for (const e of EDUCATION_LEVELS) expect(validateWorkerRow(row({ 文化程度: e.name }), ROW_CTX)).toMatchObject({ ok: true, value: { education: e.code } });
    for (const [cell, code] of [['中专', 'vocational'], ['技校', 'vocational'], ['专科', 'college'], ['大学本科', 'bachelor'], ['硕士', 'postgraduate'], ['小学', 'primary']] as const) {
      expect(validateWorkerRow(row({ 文化程度: cell }), ROW_CTX)).toMatchObject({ ok: true, value: { education: code } });
    }
  });

  it('never throws for any row', () => {
    const cell = fc.oneof(fc.string({ maxLength: 25 }), fc.constantFrom('', '140802198506151230', '140802', '临猗县', '两后生', '男', '是', '1985-06-15', '1.4E+17'));
    const rowArb = fc.record(Object.fromEntries(WORKER_COLUMNS.map((c) => [c.header, cell])) as Record<string, fc.Arbitrary<string>>);
    fc.assert(
      fc.property(rowArb, (r) => {
        const result = validateWorkerRow(r, ROW_CTX);
        if (!result.ok) {
          expectRenderable(result.problems);
          for (const p of result.problems) expect(WORKER_COLUMNS.map((c) => c.header)).toContain(p.field);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('ignores extra columns and treats a missing column as empty', () => {
    expect(validateWorkerRow({ 姓名: '张三', 公民身份号码: '140802198506151230', 县区代码: '盐湖区', 备注: '任意' }, ROW_CTX).ok).toBe(true);
  });
});
