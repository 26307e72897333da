import { describe, expect, it } from 'vitest';
import { allowedClaimActions, checkClaimAction, CLAIM_TRANSITIONS, type ClaimContext } from './lifecycle.ts';

const base: ClaimContext = { role: 'county_office', isClaimant: false, inUnit: true, today: '2020-07-01', windowEnd: null, openObjections: 0 };

describe('the claim transition table', () => {
  it('has one row per (from, action, role)', () => {
    const keys = CLAIM_TRANSITIONS.flatMap((t) => t.roles.map((r) => `${t.from}/${t.action}/${r}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('lets the county approve its own unit’s claim into the announcement, and nobody else', () => {
    expect(checkClaimAction('submitted', 'county_approve', base)).toMatchObject({ ok: true, transition: { to: 'announcing' } });
    expect(checkClaimAction('submitted', 'county_approve', { ...base, inUnit: false })).toEqual({ ok: false, problems: [{ code: 'CLAIM_OUT_OF_SCOPE', params: {} }] });
    expect(checkClaimAction('submitted', 'county_approve', { ...base, role: 'city_office' })).toMatchObject({ ok: false, problems: [{ code: 'CLAIM_ACTION_FORBIDDEN' }] });
    expect(checkClaimAction('submitted', 'pay', { ...base, role: 'finance' })).toMatchObject({ ok: false, problems: [{ code: 'CLAIM_ACTION_NOT_AVAILABLE' }] });
  });
  it('keeps the city from approving before the objection window closes or while an objection is open', () => {
    const city = { ...base, role: 'city_office' as const, windowEnd: '2020-07-08' };
    expect(checkClaimAction('announcing', 'city_approve', { ...city, today: '2020-07-08' })).toMatchObject({ ok: false, problems: [{ code: 'CLAIM_WINDOW_OPEN' }] });
    expect(checkClaimAction('announcing', 'city_approve', { ...city, today: '2020-07-09', openObjections: 1 })).toMatchObject({ ok: false, problems: [{ code: 'CLAIM_OBJECTIONS_OPEN' }] });
    expect(checkClaimAction('announcing', 'city_approve', { ...city, today: '2020-07-09' })).toMatchObject({ ok: true });
    expect(allowedClaimActions('announcing', { ...city, today: '2020-07-08' }).map((a) => [a.action, a.enabled])).toEqual([
      ['city_approve', false],
      ['city_return', true],
      ['reject', true],
    ]);
  });
  it('needs reasons to return or reject, and only finance pays', () => {
    expect(checkClaimAction('submitted', 'county_return', base)).toMatchObject({ ok: false, problems: [{ code: 'CLAIM_REASON_REQUIRED' }] });
    expect(checkClaimAction('approved', 'pay', { ...base, role: 'finance' })).toMatchObject({ ok: true, transition: { to: 'paid' } });
    expect(checkClaimAction('approved', 'pay', { ...base, role: 'city_office' })).toMatchObject({ ok: false, problems: [{ code: 'CLAIM_ACTION_FORBIDDEN' }] });
  });
  it('lets only the claimant resubmit or withdraw', () => {
    const inst = { ...base, role: 'institution' as const, inUnit: false, isClaimant: true };
    expect(checkClaimAction('returned', 'resubmit', inst)).toMatchObject({ ok: true });
    expect(checkClaimAction('returned', 'resubmit', { ...inst, isClaimant: false })).toMatchObject({ ok: false, problems: [{ code: 'CLAIM_NOT_CLAIMANT' }] });
  });
});
