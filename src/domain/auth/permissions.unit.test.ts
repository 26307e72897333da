import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPORTING_UNITS } from '../identity/divisions.ts';
import { ACTIONS, can, CITY_CODE, filterAllowed, GRANTS, ROLES, type Principal, type Resource, type Role } from './permissions.ts';

const units = REPORTING_UNITS.map((u) => u.code);
const unitArb = fc.constantFrom(...units);
const uuidArb = fc.uuid();

function principal(role: Role, unitCode: string | null, orgId: string | null, workerId: string | null): Principal {
  return { id: 'u', role, unitCode, orgId, workerId };
}
const principalArb: fc.Arbitrary<Principal> = fc.oneof(
  fc.constant(principal('sysadmin', null, null, null)),
  fc.constant(principal('city_office', CITY_CODE, null, null)),
  unitArb.map((u) => principal('county_office', u, null, null)),
  fc.constantFrom<Role>('finance', 'auditor').chain((r) => fc.constantFrom(CITY_CODE, ...units).map((u) => principal(r, u, null, null))),
  fc.constantFrom<Role>('institution', 'enterprise').chain((r) => uuidArb.map((o) => principal(r, null, o, null))),
  uuidArb.map((w) => principal('worker', null, null, w)),
);
const resourceArb: fc.Arbitrary<Resource> = fc.record(
  {
    unitCode: fc.option(fc.constantFrom(CITY_CODE, ...units), { nil: undefined }),
    orgId: fc.option(uuidArb, { nil: undefined }),
    workerId: fc.option(uuidArb, { nil: undefined }),
    system: fc.option(fc.boolean(), { nil: undefined }),
  },
  { requiredKeys: [] },
);
const actionArb = fc.constantFrom(...ACTIONS);

describe('can(user, action, resource)', () => {
  it('denies every action a role is not granted, whatever the resource', () => {
    fc.assert(
      fc.property(principalArb, actionArb, resourceArb, (p, a, r) => {
        if (!GRANTS[p.role].includes(a)) expect(can(p, a, r)).toBe(false);
      }),
    );
  });

  it('a county-level official never reaches another unit or a city-level resource', () => {
    fc.assert(
      fc.property(fc.constantFrom<Role>('county_office', 'finance', 'auditor'), unitArb, fc.constantFrom(CITY_CODE, ...units), actionArb, (role, own, other, a) => {
        fc.pre(other !== own);
        expect(can(principal(role, own, null, null), a, { unitCode: other })).toBe(false);
      }),
    );
  });

  it('an organisation reaches only its own records or people linked to it', () => {
    fc.assert(
      fc.property(fc.constantFrom<Role>('institution', 'enterprise'), uuidArb, uuidArb, unitArb, actionArb, (role, mine, theirs, unit, a) => {
        fc.pre(mine !== theirs);
        const p = principal(role, null, mine, null);
        expect(can(p, a, { unitCode: unit, orgId: theirs })).toBe(false);
        expect(can(p, a, { unitCode: unit, relatedOrgIds: [theirs] })).toBe(false);
        expect(can(p, a, { unitCode: unit, orgId: mine })).toBe(GRANTS[role].includes(a));
      }),
    );
  });

  it('a worker reaches only themself', () => {
    fc.assert(
      fc.property(uuidArb, uuidArb, unitArb, (me, other, unit) => {
        fc.pre(me !== other);
        const p = principal('worker', null, null, me);
        expect(can(p, 'worker.read', { unitCode: unit, workerId: me })).toBe(true);
        expect(can(p, 'worker.read', { unitCode: unit, workerId: other })).toBe(false);
      }),
    );
  });

  it('user accounts are reached by the system administrator only, who reaches no programme data', () => {
    fc.assert(
      fc.property(principalArb, resourceArb, (p, r) => {
        expect(can(p, 'user.manage', { system: true })).toBe(p.role === 'sysadmin');
        if (p.role === 'sysadmin') {
          for (const a of ACTIONS) if (!['user.manage', 'account.self', 'reference.read'].includes(a)) expect(can(p, a, r)).toBe(false);
        }
      }),
    );
  });

  it('a principal with a broken scope (a county role without a unit) is denied everything', () => {
    for (const role of ['county_office', 'finance', 'auditor', 'institution', 'enterprise', 'worker'] as const) {
      for (const a of ACTIONS) expect(can(principal(role, null, null, null), a, { unitCode: '140821' })).toBe(false);
    }
  });

  it('filterAllowed returns exactly the items can() allows', () => {
    fc.assert(
      fc.property(principalArb, actionArb, fc.array(resourceArb, { maxLength: 20 }), (p, a, rs) => {
        expect(filterAllowed(p, a, rs, (r) => r)).toEqual(rs.filter((r) => can(p, a, r)));
      }),
    );
  });

  it('the grant table covers every role', () => {
    expect(Object.keys(GRANTS).sort()).toEqual([...ROLES].sort());
    expect(can(principal('city_office', CITY_CODE, null, null), 'audit.read', { unitCode: CITY_CODE })).toBe(true);
    expect(can(principal('county_office', '140821', null, null), 'worker.read', { unitCode: '140821' })).toBe(true);
    expect(can(principal('county_office', '140802', null, null), 'worker.read', { unitCode: '140802404' })).toBe(false);
  });
});
