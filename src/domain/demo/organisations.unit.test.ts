import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseCreditCode } from '../identity/creditCode.ts';
import { REPORTING_UNITS, findReportingUnit } from '../identity/divisions.ts';
import { isMainlandMobile } from '../identity/idNumber.ts';
import { demoOrganisations } from './organisations.ts';
import type { DemoOrg } from './organisations.ts';

const orgs = demoOrganisations('test-seed');
const institutions = orgs.filter((o) => o.kind === 'institution');
const enterprises = orgs.filter((o) => o.kind === 'enterprise');

/** authority + category expected for each kind of body (domain-facts §2.1 training-domain mapping). */
function expectedCategory(o: DemoOrg): string {
  if (o.kind === 'enterprise') return '91';
  switch (o.institutionKind) {
    case 'private':
      return '52';
    case 'technical_school':
    case 'vocational_college':
    case 'government_centre':
      return '12';
    default:
      return '91';
  }
}

describe('demoOrganisations', () => {
  it('has at least 36 institutions and 30 enterprises', () => {
    expect(institutions.length).toBeGreaterThanOrEqual(36);
    expect(enterprises.length).toBeGreaterThanOrEqual(30);
  });

  it('represents every reporting unit among both institutions and enterprises', () => {
    const all = REPORTING_UNITS.map((u) => u.code).sort();
    expect([...new Set(institutions.map((o) => o.unitCode))].sort()).toEqual(all);
    expect([...new Set(enterprises.map((o) => o.unitCode))].sort()).toEqual(all);
  });

  it('gives valid credit codes whose category and division match the body', () => {
    for (const o of orgs) {
      const parsed = parseCreditCode(o.creditCode);
      expect(parsed.ok, o.creditCode).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.authority + parsed.category, o.name).toBe(expectedCategory(o));
      const unit = findReportingUnit(o.unitCode)!;
      expect(parsed.divisionCode).toBe(unit.isDevelopmentZone ? unit.parentCode : unit.code);
    }
  });

  it('has unique credit codes, organisation codes and names', () => {
    expect(new Set(orgs.map((o) => o.creditCode)).size).toBe(orgs.length);
    expect(new Set(orgs.map((o) => o.creditCode.slice(8, 17))).size).toBe(orgs.length);
    expect(new Set(orgs.map((o) => o.name)).size).toBe(orgs.length);
  });

  it('has every kind of institution, with the admission route of §12', () => {
    const kinds = new Set(institutions.map((o) => o.institutionKind));
    expect(kinds).toEqual(new Set(['enterprise_centre', 'vocational_college', 'technical_school', 'government_centre', 'private', 'evaluation']));
    for (const o of institutions) {
      const expected = o.institutionKind === 'private' ? 'bidding' : o.institutionKind === 'evaluation' ? undefined : 'review_filing';
      expect(o.admissionRoute, o.name).toBe(expected);
      expect(o.capacity).toBeGreaterThan(0);
    }
  });

  it('flags chemicals and mining as high risk, and names them realistically', () => {
    expect(orgs.find((o) => o.name === '运城市盐湖区技工学校')).toBeDefined();
    expect(institutions.some((o) => /^临猗县.{2}职业培训学校$/.test(o.name))).toBe(true);
    for (const o of enterprises) {
      expect(o.name).toMatch(/有限公司$/);
      expect(o.employees).toBeGreaterThan(0);
      if (/化工|矿业|煤业|焦化/.test(o.name)) expect(o.highRisk, o.name).toBe(true);
      if (/食品|果业|物流|纺织/.test(o.name)) expect(o.highRisk, o.name).toBe(false);
    }
    expect(enterprises.some((o) => o.industry === '化学原料和化学制品制造业' && o.highRisk)).toBe(true);
    expect(enterprises.some((o) => o.industry === '煤炭开采和洗选业' && o.highRisk)).toBe(true);
  });

  it('has contacts with mainland mobile numbers', () => {
    for (const o of orgs) {
      expect(o.contactName).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(isMainlandMobile(o.contactPhone)).toBe(true);
    }
  });

  it('is deterministic per seed, and valid for any seed', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const list = demoOrganisations(seed);
        expect(demoOrganisations(seed)).toEqual(list);
        expect(list.every((o) => parseCreditCode(o.creditCode).ok)).toBe(true);
        expect(new Set(list.map((o) => o.creditCode.slice(8, 17))).size).toBe(list.length);
        expect(new Set(list.map((o) => o.name)).size).toBe(list.length);
      }),
      { numRuns: 50 },
    );
    expect(demoOrganisations('other-seed')).not.toEqual(orgs);
  });
});
