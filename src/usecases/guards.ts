import { can, CITY_CODE, isGranted, scopeOf, type Action, type Resource } from '../domain/auth/permissions.ts';
import { AppError, notFound } from '../domain/errors.ts';
import { REPORTING_UNITS } from '../domain/identity/divisions.ts';
import type { Actor, RequestContext } from './context.ts';

/** The caller must be signed in and hold `action` somewhere; otherwise AUTH_REQUIRED / FORBIDDEN. */
export function requireActor(ctx: RequestContext, action: Action): Actor {
  if (!ctx.actor) throw new AppError('AUTH_REQUIRED');
  if (!isGranted(ctx.actor.role, action)) throw new AppError('FORBIDDEN');
  return ctx.actor;
}

/**
 * Reads of one record: a record outside the caller's scope answers exactly like a missing one
 * (NOT_FOUND), so nobody learns what exists elsewhere.
 */
export function requireVisible<T>(ctx: RequestContext, action: Action, record: T | undefined, resourceOf: (t: T) => Resource): T {
  const actor = requireActor(ctx, action);
  if (record === undefined || !can(actor, action, resourceOf(record))) throw notFound();
  return record;
}

/**
 * Acting on one known resource (the audit trail, the occupation list, user accounts): a caller who may
 * not act on it — for lack of the action or of the scope — is told it is not there (ADR 0005).
 */
export function requireCan(ctx: RequestContext, action: Action, resource: Resource): Actor {
  if (!ctx.actor) throw new AppError('AUTH_REQUIRED');
  if (!can(ctx.actor, action, resource)) throw notFound();
  return ctx.actor;
}

/**
 * The reporting unit a reader of figures (reports, dashboards, employment rates) may look at: a county office its own
 * unit only (another one is NOT_FOUND); a city-level role the whole city (`unit` null) or any one reporting unit.
 * Anyone without a unit or city scope sees nothing.
 */
export function requireReportUnit(ctx: RequestContext, requested: string | undefined): { unit: string | null; cityWide: boolean } {
  const scope = scopeOf(requireActor(ctx, 'report.read'));
  if (scope.kind === 'unit') {
    if (requested && requested !== scope.unitCode) throw notFound();
    return { unit: scope.unitCode, cityWide: false };
  }
  if (scope.kind !== 'city') throw notFound();
  if (requested && requested !== CITY_CODE && !REPORTING_UNITS.some((u) => u.code === requested)) throw notFound();
  return { unit: requested && requested !== CITY_CODE ? requested : null, cityWide: true };
}
