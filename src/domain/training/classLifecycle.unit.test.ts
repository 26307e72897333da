import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES, type Role } from '../auth/permissions.ts';
import { ERROR_CATALOGUE } from '../errors.ts';
import type { Problem } from '../registry/problems.ts';
import {
  allowedClassActions,
  CLASS_ACTIONS,
  CLASS_STATUSES,
  CLASS_TRANSITIONS,
  checkClassAction,
  checkClassTransition,
  DEFAULT_MIN_DAYS_BEFORE_START,
  latestFilingDate,
  type ClassStatus,
  type ClassTransition,
  type ClassTransitionContext,
} from './classLifecycle.ts';

function expectRenderable(problems: readonly Problem[]) {
  for (const p of problems) for (const [, name] of ERROR_CATALOGUE[p.code].en.matchAll(/\{(\w+)\}/g)) expect(p.params, p.code).toHaveProperty(name!);
}

function codes(result: ReturnType<typeof checkClassTransition>): string[] {
  if (result.ok) return [];
  expectRenderable(result.problems);
  return result.problems.map((p) => p.code);
}

const START = '2020-06-15';

/** A context in which every guard of `t` holds for `role`. */
function passing(t: ClassTransition, role: Role): ClassTransitionContext {
  const today = t.guards.includes('filing_deadline') ? '2020-06-01' : t.guards.includes('start_date_reached') ? START : t.guards.includes('not_after_start') ? '2020-06-10' : '2020-06-20';
  return { role, isOwner: true, inUnit: true, isEvaluator: true, today, startDate: START, attendanceComplete: true, hasReasons: true };
}

describe('CLASS_TRANSITIONS', () => {
  it('uses known statuses and actions, and names at most one row per (from, to, role)', () => {
    const seen = new Set<string>();
    for (const t of CLASS_TRANSITIONS) {
      expect(CLASS_STATUSES).toContain(t.from);
      expect(CLASS_STATUSES).toContain(t.to);
      expect(CLASS_ACTIONS).toContain(t.action);
      expect(t.clause).toMatch(/^§/);
      expect(t.roles.length).toBeGreaterThan(0);
      for (const role of t.roles) {
        const key = `${t.from}>${t.to}>${role}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });

  it('follows draft → filed → approved → in_progress → completed → assessed → closed, with return/refile and cancel', () => {
    const edges = new Set(CLASS_TRANSITIONS.map((t) => `${t.from}>${t.to}:${t.action}`));
    expect([...edges].sort()).toEqual(
      [
        'draft>filed:file',
        'filed>approved:approve',
        'filed>returned:return',
        'returned>filed:refile',
        'approved>in_progress:start',
        'in_progress>completed:complete',
        'completed>assessed:assess',
        'assessed>closed:close',
        'draft>cancelled:cancel',
        'filed>cancelled:cancel',
        'returned>cancelled:cancel',
        'approved>cancelled:cancel',
      ].sort(),
    );
    const cancellable = new Set(CLASS_TRANSITIONS.filter((t) => t.to === 'cancelled').map((t) => t.from));
    expect([...cancellable].sort()).toEqual(['approved', 'draft', 'filed', 'returned']);
    // Terminal statuses have no way out.
    expect(CLASS_TRANSITIONS.filter((t) => t.from === 'closed' || t.from === 'cancelled')).toEqual([]);
  });

  it('gives the office approval and return, the runner filing, starting and closing, and the evaluator assessment', () => {
    const rolesOf = (action: string) => [...new Set(CLASS_TRANSITIONS.filter((t) => t.action === action).flatMap((t) => t.roles))].sort();
    expect(rolesOf('approve')).toEqual(['city_office', 'county_office']);
    expect(rolesOf('return')).toEqual(['city_office', 'county_office']);
    for (const a of ['file', 'refile', 'start', 'complete', 'close']) expect(rolesOf(a), a).toEqual(['enterprise', 'institution']);
    expect(rolesOf('assess')).toEqual(['enterprise', 'institution']);
    expect(CLASS_TRANSITIONS.find((t) => t.action === 'assess')!.guards).toEqual(['evaluator']);
  });
});

describe('checkClassTransition', () => {
  it('allows every row of the table to each of its roles when its guards hold', () => {
    for (const t of CLASS_TRANSITIONS)
      for (const role of t.roles) {
        const result = checkClassTransition(t.from, t.to, passing(t, role));
        expect(result, `${t.from}>${t.to} as ${role}`).toEqual({ ok: true, transition: t });
      }
  });

  it('refuses every role the table does not name, for every (from, to) pair', () => {
    const pairs = new Map<string, ClassTransition[]>();
    for (const t of CLASS_TRANSITIONS) pairs.set(`${t.from}>${t.to}`, [...(pairs.get(`${t.from}>${t.to}`) ?? []), t]);
    let refusals = 0;
    for (const rows of pairs.values())
      for (const role of ROLES) {
        if (rows.some((t) => t.roles.includes(role))) continue;
        const result = checkClassTransition(rows[0]!.from, rows[0]!.to, passing(rows[0]!, role));
        expect(codes(result), `${rows[0]!.from}>${rows[0]!.to} as ${role}`).toEqual(['CLASS_ACTION_FORBIDDEN']);
        refusals++;
      }
    expect(refusals).toBeGreaterThan(40);
  });

  it.each<[Role, ClassStatus, ClassStatus, Partial<ClassTransitionContext>, string]>([
    ['institution', 'draft', 'filed', { isOwner: false }, 'CLASS_NOT_OWNER'],
    ['enterprise', 'approved', 'in_progress', { isOwner: false }, 'CLASS_NOT_OWNER'],
    ['institution', 'assessed', 'closed', { isOwner: false }, 'CLASS_NOT_OWNER'],
    ['county_office', 'filed', 'approved', { inUnit: false }, 'CLASS_OUT_OF_SCOPE'],
    ['county_office', 'filed', 'returned', { inUnit: false }, 'CLASS_OUT_OF_SCOPE'],
    ['city_office', 'approved', 'cancelled', { inUnit: false }, 'CLASS_OUT_OF_SCOPE'],
    ['institution', 'completed', 'assessed', { isEvaluator: false }, 'CLASS_NOT_EVALUATOR'],
    ['enterprise', 'completed', 'assessed', { isEvaluator: false, isOwner: true }, 'CLASS_NOT_EVALUATOR'],
    ['county_office', 'filed', 'returned', { hasReasons: false }, 'CLASS_RETURN_REASON_REQUIRED'],
    ['institution', 'approved', 'cancelled', { hasReasons: false }, 'CLASS_CANCEL_REASON_REQUIRED'],
    ['county_office', 'filed', 'cancelled', { hasReasons: undefined }, 'CLASS_CANCEL_REASON_REQUIRED'],
    ['institution', 'in_progress', 'completed', { attendanceComplete: false }, 'CLASS_ATTENDANCE_INCOMPLETE'],
    ['enterprise', 'in_progress', 'completed', { attendanceComplete: undefined }, 'CLASS_ATTENDANCE_INCOMPLETE'],
  ])('%s %s → %s refused when a guard fails: %s', (role, from, to, override, code) => {
    const row = CLASS_TRANSITIONS.find((t) => t.from === from && t.to === to && t.roles.includes(role))!;
    expect(codes(checkClassTransition(from, to, { ...passing(row, role), ...override }))).toEqual([code]);
  });

  it('lets a runner cancel a draft without reasons', () => {
    const ctx = { role: 'institution' as const, isOwner: true, inUnit: false, isEvaluator: false, today: '2020-06-01', startDate: START };
    expect(checkClassTransition('draft', 'cancelled', ctx).ok).toBe(true);
  });

  it('refuses changes the table does not list', () => {
    const listed = new Set(CLASS_TRANSITIONS.map((t) => `${t.from}>${t.to}`));
    for (const from of CLASS_STATUSES)
      for (const to of CLASS_STATUSES) {
        if (listed.has(`${from}>${to}`)) continue;
        const ctx: ClassTransitionContext = { role: 'city_office', isOwner: true, inUnit: true, isEvaluator: true, today: START, startDate: START, attendanceComplete: true, hasReasons: true };
        const result = checkClassTransition(from, to, ctx);
        expect(result).toEqual({ ok: false, problems: [{ field: 'status', code: 'CLASS_TRANSITION_INVALID', params: { from, to } }] });
      }
  });

  it('answers a stranger with the "who" problem only, never the dates', () => {
    const ctx: ClassTransitionContext = { role: 'institution', isOwner: false, inUnit: false, isEvaluator: false, today: '2020-06-14', startDate: START };
    expect(codes(checkClassTransition('draft', 'filed', ctx))).toEqual(['CLASS_NOT_OWNER']);
  });
});

describe('filing deadline (OPEN setting, default 7 days)', () => {
  const file = (today: string, startDate: string, minDaysBeforeStart?: number, from: ClassStatus = 'draft') =>
    checkClassTransition(from, 'filed', { role: 'institution', isOwner: true, inUnit: false, isEvaluator: false, today, startDate, minDaysBeforeStart });

  it('defaults to 7', () => expect(DEFAULT_MIN_DAYS_BEFORE_START).toBe(7));

  it('accepts a filing on the latest day and refuses it one day later, naming the dates', () => {
    expect(latestFilingDate(START)).toBe('2020-06-08');
    expect(file('2020-06-08', START).ok).toBe(true);
    expect(file('2020-05-01', START).ok).toBe(true);
    const late = file('2020-06-09', START);
    expect(late).toEqual({
      ok: false,
      problems: [{ field: 'startDate', code: 'CLASS_FILED_TOO_LATE', params: { days: 7, startDate: START, latest: '2020-06-08', today: '2020-06-09' } }],
    });
    expect(codes(file('2020-06-20', START))).toEqual(['CLASS_FILED_TOO_LATE']);
  });

  it('applies to a refiling too', () => {
    expect(file('2020-06-08', START, undefined, 'returned').ok).toBe(true);
    expect(codes(file('2020-06-09', START, undefined, 'returned'))).toEqual(['CLASS_FILED_TOO_LATE']);
  });

  it('honours the setting, across month and year ends', () => {
    expect(file(START, START, 0).ok).toBe(true);
    expect(codes(file('2020-06-16', START, 0))).toEqual(['CLASS_FILED_TOO_LATE']);
    expect(latestFilingDate('2021-01-03')).toBe('2020-12-27');
    expect(file('2020-12-27', '2021-01-03').ok).toBe(true);
    expect(codes(file('2020-12-28', '2021-01-03'))).toEqual(['CLASS_FILED_TOO_LATE']);
    expect(latestFilingDate('2020-03-01', 1)).toBe('2020-02-29');
    expect(file('2020-02-29', '2020-03-01', 1).ok).toBe(true);
    expect(file('2020-03-01', '2020-03-01', 1).ok).toBe(false);
  });

  it('never lets a late filing through (property)', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2019, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 60 }), (today, startDate, min) => {
        const ok = file(today, startDate, min).ok;
        const daysAhead = (Date.parse(startDate) - Date.parse(today)) / 86_400_000;
        expect(ok).toBe(daysAhead >= min);
      }),
    );
  });
});

describe('dates of approval and start', () => {
  const office = (today: string): ClassTransitionContext => ({ role: 'county_office', isOwner: false, inUnit: true, isEvaluator: false, today, startDate: START });
  const runner = (today: string): ClassTransitionContext => ({ role: 'institution', isOwner: true, inUnit: false, isEvaluator: false, today, startDate: START });

  it('approves up to the start date, not after', () => {
    expect(checkClassTransition('filed', 'approved', office(START)).ok).toBe(true);
    expect(codes(checkClassTransition('filed', 'approved', office('2020-06-16')))).toEqual(['CLASS_APPROVAL_AFTER_START']);
    // Returning stays possible so the dates can be changed.
    expect(checkClassTransition('filed', 'returned', { ...office('2020-06-16'), hasReasons: true }).ok).toBe(true);
  });

  it('starts on or after the start date', () => {
    expect(codes(checkClassTransition('approved', 'in_progress', runner('2020-06-14')))).toEqual(['CLASS_NOT_STARTED']);
    expect(checkClassTransition('approved', 'in_progress', runner(START)).ok).toBe(true);
    expect(checkClassTransition('approved', 'in_progress', runner('2020-07-01')).ok).toBe(true);
  });
});

describe('checkClassAction', () => {
  it('finds the row by action and role', () => {
    const ctx: ClassTransitionContext = { role: 'county_office', isOwner: false, inUnit: true, isEvaluator: false, today: '2020-06-01', startDate: START, hasReasons: true };
    expect(checkClassAction('filed', 'cancel', ctx)).toMatchObject({ ok: true, transition: { roles: ['county_office', 'city_office'] } });
    expect(checkClassAction('filed', 'return', ctx)).toMatchObject({ ok: true, transition: { to: 'returned' } });
    expect(checkClassAction('closed', 'cancel', ctx)).toEqual({ ok: false, problems: [{ field: 'status', code: 'CLASS_ACTION_NOT_AVAILABLE', params: { from: 'closed', action: 'cancel' } }] });
    expect(checkClassAction('filed', 'approve', { ...ctx, role: 'worker' })).toMatchObject({ ok: false, problems: [{ code: 'CLASS_ACTION_FORBIDDEN' }] });
  });
});

describe('allowedClassActions', () => {
  const base = { isOwner: false, inUnit: false, isEvaluator: false, today: '2020-06-01', startDate: START };
  const summary = (status: ClassStatus, ctx: Omit<ClassTransitionContext, 'hasReasons'>) =>
    allowedClassActions(status, ctx).map((o) => `${o.action}${o.enabled ? '' : '(disabled)'}${o.needsReasons ? '*' : ''}`);

  it('shows the runner its own buttons, disabled with the reason when a date rule fails', () => {
    expect(summary('draft', { ...base, role: 'institution', isOwner: true })).toEqual(['file', 'cancel']);
    const late = allowedClassActions('draft', { ...base, role: 'institution', isOwner: true, today: '2020-06-10' });
    expect(late.map((o) => [o.action, o.enabled])).toEqual([
      ['file', false],
      ['cancel', true],
    ]);
    expect(late[0]!.problems.map((p) => p.code)).toEqual(['CLASS_FILED_TOO_LATE']);
    expect(summary('filed', { ...base, role: 'enterprise', isOwner: true })).toEqual(['cancel*']);
    expect(summary('approved', { ...base, role: 'institution', isOwner: true })).toEqual(['start(disabled)', 'cancel*']);
    expect(summary('in_progress', { ...base, role: 'institution', isOwner: true, attendanceComplete: true })).toEqual(['complete']);
    expect(summary('draft', { ...base, role: 'institution', isOwner: false })).toEqual([]);
  });

  it('shows the office approve / return / cancel within its unit only', () => {
    expect(summary('filed', { ...base, role: 'county_office', inUnit: true })).toEqual(['approve', 'return*', 'cancel*']);
    expect(summary('filed', { ...base, role: 'county_office', inUnit: false })).toEqual([]);
    expect(summary('draft', { ...base, role: 'county_office', inUnit: true })).toEqual([]);
  });

  it('shows the evaluator the assessment, and nobody else', () => {
    expect(summary('completed', { ...base, role: 'institution', isEvaluator: true })).toEqual(['assess']);
    expect(summary('completed', { ...base, role: 'institution', isOwner: true })).toEqual([]);
  });

  it('shows nothing to roles that never act on classes', () => {
    for (const role of ['worker', 'finance', 'auditor', 'sysadmin'] as const)
      for (const status of CLASS_STATUSES) expect(summary(status, { ...base, role, isOwner: true, inUnit: true, isEvaluator: true })).toEqual([]);
  });

  it('offers an enabled button exactly when the transition (with its reasons) would pass (property)', () => {
    const day = fc.integer({ min: 0, max: 40 }).map((n) => new Date(Date.UTC(2020, 4, 20) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.constantFrom(...CLASS_STATUSES),
        fc.constantFrom(...ROLES),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        day,
        fc.integer({ min: 0, max: 14 }),
        (status, role, isOwner, inUnit, isEvaluator, attendanceComplete, today, minDaysBeforeStart) => {
          const ctx = { role, isOwner, inUnit, isEvaluator, attendanceComplete, today, startDate: START, minDaysBeforeStart };
          const options = allowedClassActions(status, ctx);
          for (const o of options) expect(checkClassTransition(status, o.to, { ...ctx, hasReasons: true }).ok).toBe(o.enabled);
          // Every transition that passes is offered.
          for (const to of CLASS_STATUSES)
            if (checkClassTransition(status, to, { ...ctx, hasReasons: true }).ok) expect(options.some((o) => o.to === to && o.enabled)).toBe(true);
        },
      ),
    );
  });
});
