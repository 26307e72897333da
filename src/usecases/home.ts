import { scopeOf } from '../domain/auth/permissions.ts';
import { countScoped } from '../db/repositories/counts.ts';
import { countOrganisations, findOrganisation } from '../db/repositories/organisations.ts';
import { countUsers } from '../db/repositories/users.ts';
import { countWorkers, findWorker } from '../db/repositories/workers.ts';
import { findReportingUnit, YUNCHENG } from '../domain/identity/divisions.ts';
import { AppError } from '../domain/errors.ts';
import type { Db, RequestContext } from './context.ts';

export type HomeSummary = {
  scope: { kind: 'city' | 'county' | 'organisation' | 'worker' | 'system'; name: string; nameEn: string };
  counts: { workers: number; institutions: number; enterprises: number; classes: number; claims: number; users?: number };
};

/** The home page's figures, counted from the database within the caller's scope. */
export function makeHomeSummary(deps: { db: Db }) {
  return async function homeSummary(ctx: RequestContext): Promise<HomeSummary> {
    const actor = ctx.actor;
    if (!actor) throw new AppError('AUTH_REQUIRED');
    const scope = scopeOf(actor);
    if (scope.kind === 'system') {
      return {
        scope: { kind: 'system', name: '系统管理', nameEn: 'System administration' },
        counts: { workers: 0, institutions: 0, enterprises: 0, classes: 0, claims: 0, users: await countUsers(deps.db) },
      };
    }
    const [workers, institutions, enterprises, classes, claims] = await Promise.all([
      countWorkers(deps.db, scope),
      countOrganisations(deps.db, scope, 'institution'),
      countOrganisations(deps.db, scope, 'enterprise'),
      countScoped(deps.db, 'training_classes', scope),
      countScoped(deps.db, 'subsidy_claims', scope),
    ]);
    return { scope: await describeScope(deps.db, scope), counts: { workers, institutions, enterprises, classes, claims } };
  };
}

async function describeScope(db: Db, scope: ReturnType<typeof scopeOf>): Promise<HomeSummary['scope']> {
  switch (scope.kind) {
    case 'unit': {
      const u = findReportingUnit(scope.unitCode);
      return { kind: 'county', name: u?.name ?? scope.unitCode, nameEn: u?.nameEn ?? scope.unitCode };
    }
    case 'organisation': {
      const o = await findOrganisation(db, scope.orgId);
      return { kind: 'organisation', name: o?.name ?? '', nameEn: o?.name ?? '' };
    }
    case 'worker': {
      const w = await findWorker(db, scope.workerId);
      return { kind: 'worker', name: w?.name ?? '', nameEn: w?.name ?? '' };
    }
    default:
      return { kind: 'city', name: YUNCHENG.name, nameEn: YUNCHENG.nameEn };
  }
}
