import { describe, it, expect } from 'vitest';
import { REPORTING_UNITS, TOWNSHIPS, YUNCHENG, YUNCHENG_ETDZ_CODE, findReportingUnit, isYunchengAddressCode } from './divisions.ts';

describe('reporting units', () => {
  it('lists the 13 county-level units in GB/T 2260 order, then the development zone', () => {
    expect(REPORTING_UNITS.map((u) => u.code)).toEqual([
      '140802', '140821', '140822', '140823', '140824', '140825', '140826',
      '140827', '140828', '140829', '140830', '140881', '140882', '140802404',
    ]);
    expect(REPORTING_UNITS.filter((u) => u.isDevelopmentZone).map((u) => u.code)).toEqual([YUNCHENG_ETDZ_CODE]);
  });

  it('derives the kind from the code (01–18 district, 21–80 county, 81–99 county-level city)', () => {
    for (const unit of REPORTING_UNITS.filter((u) => !u.isDevelopmentZone)) {
      const n = Number(unit.code.slice(4));
      expect(unit.kind).toBe(n <= 18 ? 'district' : n <= 80 ? 'county' : 'city');
      expect(unit.parentCode).toBe(YUNCHENG.code);
    }
    expect(findReportingUnit(YUNCHENG_ETDZ_CODE)).toMatchObject({ kind: 'zone', parentCode: '140802', population: null });
  });

  it('county populations add up to the rounded census total (477.46 万)', () => {
    const total = REPORTING_UNITS.reduce((sum, u) => sum + (u.population ?? 0), 0);
    expect(total).toBe(4_774_600);
    expect(Math.abs(total - YUNCHENG.population)).toBeLessThan(1_000);
  });

  it('finds units by code', () => {
    expect(findReportingUnit('140881')).toMatchObject({ name: '永济市', nameEn: 'Yongji City' });
    expect(findReportingUnit('140800')).toBeUndefined();
  });
});

describe('townships', () => {
  it('has the 166 units of the 2020 edition with unique codes under their county', () => {
    expect(TOWNSHIPS).toHaveLength(166);
    expect(new Set(TOWNSHIPS.map((t) => t.code)).size).toBe(166);
    for (const t of TOWNSHIPS) {
      expect(t.code).toMatch(/^\d{9}$/);
      expect(t.code.startsWith(t.countyCode)).toBe(true);
      expect(t.name.length).toBeGreaterThan(1);
    }
  });

  it('has the per-county counts of domain-facts §3.3', () => {
    const counts = Object.fromEntries(REPORTING_UNITS.filter((u) => !u.isDevelopmentZone).map((u) => [u.code, 0]));
    for (const t of TOWNSHIPS) counts[t.countyCode]! += 1;
    expect(Object.values(counts)).toEqual([22, 15, 14, 14, 9, 11, 12, 12, 11, 11, 12, 13, 10]);
  });

  it('includes the development zone as a township of 盐湖区', () => {
    expect(TOWNSHIPS.find((t) => t.code === YUNCHENG_ETDZ_CODE)).toEqual({
      code: YUNCHENG_ETDZ_CODE,
      name: '运城经济技术开发区',
      countyCode: '140802',
    });
  });
});

describe('isYunchengAddressCode', () => {
  it('accepts the 13 county codes only', () => {
    expect(isYunchengAddressCode('140802')).toBe(true);
    expect(isYunchengAddressCode('140882')).toBe(true);
    expect(isYunchengAddressCode('140800')).toBe(false);
    expect(isYunchengAddressCode('140831')).toBe(false);
    expect(isYunchengAddressCode('140802404')).toBe(false);
    expect(isYunchengAddressCode('110105')).toBe(false);
  });
});
