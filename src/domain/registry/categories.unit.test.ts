import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ERROR_CATALOGUE } from '../errors.ts';
import { PERSON_CATEGORIES } from '../reference/catalog.ts';
import { CATEGORY_ALIASES, categoriesOn, checkPeriods, findCategoryCode, parseCategoryNames, PERSON_CATEGORY_CODES, type CategoryPeriod } from './categories.ts';
import type { Problem } from './problems.ts';

function expectRenderable(problems: readonly Problem[]) {
  // Every placeholder of the message has its parameter (the values themselves may contain anything).
  for (const p of problems) for (const [, name] of ERROR_CATALOGUE[p.code].en.matchAll(/\{(\w+)\}/g)) expect(p.params, p.code).toHaveProperty(name!);
}

describe('parseCategoryNames', () => {
  it('maps every official catalogue name and code', () => {
    for (const c of PERSON_CATEGORIES) {
      expect(parseCategoryNames(c.name), c.name).toEqual({ codes: [c.code], unknown: [] });
      expect(parseCategoryNames(c.code), c.code).toEqual({ codes: [c.code], unknown: [] });
    }
  });

  it.each([
    ['贫困劳动力', 'registered_poor'],
    ['建档立卡贫困户', 'registered_poor'],
    ['建档立卡', 'registered_poor'],
    ['两后生', 'two_after'],
    ['“两后生”', 'two_after'],
    ['两后生（未继续升学的初高中毕业生）', 'two_after'],
    ['农民工', 'rural_migrant'],
    ['农村转移就业劳动者', 'rural_migrant'],
    ['新生代农民工', 'rural_migrant'],
    ['失业人员', 'laid_off'],
    ['下岗失业人员', 'laid_off'],
    ['登记失业人员', 'laid_off'],
    ['就业困难人员', 'employment_difficulty'],
    ['就业困难人员(含残疾人)', 'employment_difficulty'],
    ['残疾人', 'employment_difficulty'],
    ['企业职工', 'enterprise_employee'],
    ['在岗职工', 'enterprise_employee'],
    ['高校毕业生', 'college_graduate'],
    ['应届高校毕业生', 'college_graduate'],
    ['退役军人', 'veteran'],
    ['职业农民', 'professional_farmer'],
    ['新型职业农民', 'professional_farmer'],
    ['服刑人员', 'inmate'],
    ['强制隔离戒毒人员', 'inmate'],
  ])('maps the alias %s', (name, code) => {
    expect(parseCategoryNames(name)).toEqual({ codes: [code], unknown: [] });
  });

  it('every alias maps to a catalogue code', () => {
    for (const code of Object.values(CATEGORY_ALIASES)) expect(PERSON_CATEGORY_CODES).toContain(code);
  });

  it('splits on 、 , ， ; ； / and whitespace, de-duplicates and keeps the order', () => {
    expect(parseCategoryNames('建档立卡、两后生,农民工，退役军人;残疾人；高校毕业生/服刑人员 职业农民\u3000在岗职工  失业人员')).toEqual({
      codes: ['registered_poor', 'two_after', 'rural_migrant', 'veteran', 'employment_difficulty', 'college_graduate', 'inmate', 'professional_farmer', 'enterprise_employee', 'laid_off'],
      unknown: [],
    });
    expect(parseCategoryNames('新生代农民工、农民工、建档立卡、贫困劳动力、新生代农民工')).toEqual({ codes: ['rural_migrant', 'registered_poor'], unknown: [] });
    expect(parseCategoryNames('农村转移就业劳动者/新生代农民工')).toEqual({ codes: ['rural_migrant'], unknown: [] });
  });

  it('returns unknown names, de-duplicated, and never splits inside parentheses', () => {
    expect(parseCategoryNames('外来务工、两后生、外来务工、低保户')).toEqual({ codes: ['two_after'], unknown: ['外来务工', '低保户'] });
    expect(parseCategoryNames('就业困难人员（含残疾人、低保）')).toEqual({ codes: ['employment_difficulty'], unknown: [] });
  });

  it('gives nothing for an empty or separator-only cell', () => {
    expect(parseCategoryNames('')).toEqual({ codes: [], unknown: [] });
    expect(parseCategoryNames(' 、 ,; ')).toEqual({ codes: [], unknown: [] });
  });

  it('findCategoryCode ignores quotes and a trailing note but nothing else', () => {
    expect(findCategoryCode('"两后生"')).toBe('two_after');
    expect(findCategoryCode('两后生（初中）')).toBe('two_after');
    expect(findCategoryCode('两后生们')).toBeUndefined();
  });
});

describe('categoriesOn', () => {
  const periods: CategoryPeriod[] = [
    { code: 'registered_poor', validFrom: '2019-01-01', validTo: '2020-12-31' },
    { code: 'laid_off', validFrom: '2020-06-01', validTo: null },
    { code: 'enterprise_employee', validFrom: '2018-03-01', validTo: '2020-05-31', employerOrgId: 'org-1' },
  ];

  it('includes validFrom and validTo (both inclusive)', () => {
    expect(categoriesOn(periods, '2019-01-01')).toEqual(['registered_poor', 'enterprise_employee']);
    expect(categoriesOn(periods, '2018-12-31')).toEqual(['enterprise_employee']);
    expect(categoriesOn(periods, '2020-05-31')).toEqual(['registered_poor', 'enterprise_employee']);
    expect(categoriesOn(periods, '2020-06-01')).toEqual(['registered_poor', 'laid_off']);
    expect(categoriesOn(periods, '2020-12-31')).toEqual(['registered_poor', 'laid_off']);
    expect(categoriesOn(periods, '2021-01-01')).toEqual(['laid_off']);
    expect(categoriesOn(periods, '2099-12-31')).toEqual(['laid_off']);
    expect(categoriesOn(periods, '2018-02-28')).toEqual([]);
  });

  it('holds a code once even if two periods contain the date', () => {
    expect(
      categoriesOn(
        [
          { code: 'veteran', validFrom: '2020-01-01', validTo: null },
          { code: 'veteran', validFrom: '2021-01-01', validTo: null },
        ],
        '2022-01-01',
      ),
    ).toEqual(['veteran']);
  });

  it('agrees with the definition for random periods', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2018, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const period = fc.record({ code: fc.constantFrom(...PERSON_CATEGORY_CODES), validFrom: day, validTo: fc.option(day, { nil: null }) });
    fc.assert(
      fc.property(fc.array(period, { maxLength: 6 }), day, (ps, date) => {
        const held = categoriesOn(ps, date);
        for (const code of PERSON_CATEGORY_CODES) {
          const expected = ps.some((p) => p.code === code && p.validFrom <= date && (p.validTo === null || p.validTo >= date));
          expect(held.includes(code)).toBe(expected);
        }
        expect(new Set(held).size).toBe(held.length);
      }),
    );
  });
});

describe('checkPeriods', () => {
  it('accepts consecutive periods of one code and overlapping periods of different codes', () => {
    expect(
      checkPeriods([
        { code: 'laid_off', validFrom: '2019-01-01', validTo: '2019-12-31' },
        { code: 'laid_off', validFrom: '2020-01-01', validTo: null },
        { code: 'registered_poor', validFrom: '2019-06-01', validTo: '2020-06-01' },
        { code: 'enterprise_employee', validFrom: '2019-06-01', validTo: null, employerOrgId: 'org-1' },
      ]),
    ).toEqual([]);
  });

  it('reports validTo before validFrom but accepts a one-day period', () => {
    const problems = checkPeriods([
      { code: 'veteran', validFrom: '2020-01-02', validTo: '2020-01-01' },
      { code: 'laid_off', validFrom: '2020-01-01', validTo: '2020-01-01' },
    ]);
    expect(problems).toEqual([
      { field: 'categories.0.validTo', code: 'CATEGORY_PERIOD_REVERSED', params: { category: '退役军人', validFrom: '2020-01-02', validTo: '2020-01-01' } },
    ]);
    expectRenderable(problems);
  });

  it('reports two periods of one code that share a day (ends inclusive, open ends endless)', () => {
    const touching = checkPeriods([
      { code: 'laid_off', validFrom: '2019-01-01', validTo: '2019-12-31' },
      { code: 'laid_off', validFrom: '2019-12-31', validTo: null },
    ]);
    expect(touching).toEqual([{ field: 'categories.1', code: 'CATEGORY_PERIOD_OVERLAP', params: { category: '下岗失业人员', validFrom: '2019-12-31' } }]);
    expectRenderable(touching);
    const open = checkPeriods([
      { code: 'veteran', validFrom: '2025-01-01', validTo: '2025-02-01' },
      { code: 'veteran', validFrom: '2010-01-01', validTo: null },
    ]);
    expect(open.map((p) => [p.field, p.code])).toEqual([['categories.1', 'CATEGORY_PERIOD_OVERLAP']]);
    const contained = checkPeriods(
      [
        { code: 'registered_poor', validFrom: '2019-01-01', validTo: '2020-12-31' },
        { code: 'registered_poor', validFrom: '2019-05-01', validTo: '2019-06-01' },
      ],
      '人员类别',
    );
    expect(contained.map((p) => [p.field, p.code])).toEqual([['人员类别.1', 'CATEGORY_PERIOD_OVERLAP']]);
  });

  it('requires the employer of an enterprise employee', () => {
    for (const employerOrgId of [undefined, null, '', '  ']) {
      const problems = checkPeriods([{ code: 'enterprise_employee', validFrom: '2020-01-01', validTo: null, employerOrgId }]);
      expect(problems).toEqual([{ field: 'categories.0.employerOrgId', code: 'CATEGORY_EMPLOYER_REQUIRED', params: {} }]);
      expectRenderable(problems);
    }
  });

  it('reports unknown codes and dates that are not days', () => {
    const problems = checkPeriods([
      { code: 'alien', validFrom: '2020-01-01', validTo: null },
      { code: 'veteran', validFrom: '2021-02-29', validTo: '2021-13-01' },
    ]);
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['categories.0.code', 'CATEGORY_UNKNOWN'],
      ['categories.1.validFrom', 'CATEGORY_DATE_INVALID'],
      ['categories.1.validTo', 'CATEGORY_DATE_INVALID'],
    ]);
    expectRenderable(problems);
  });
});
