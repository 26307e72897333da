import type { Resource } from '../../domain/auth/permissions.ts';
import { CITY_CODE } from '../../domain/auth/permissions.ts';
import { errorMessages, type ErrorCode } from '../../domain/errors.ts';
import type { Problem } from '../../domain/registry/problems.ts';
import type { TrainingSettings } from '../../domain/training/settings.ts';
import type { PiiCipher } from '../../security/pii.ts';
import type { Actor, Clock, Db } from '../context.ts';

export type TrainingDeps = { db: Db; clock: Clock; pii: PiiCipher; training: TrainingSettings; publicUrl: string };

/** What a class is, for the permission check: where it lives, who runs it, who evaluates it. */
export function classResource(c: { unit_code: string; org_id: string; evaluator_org_id: string | null }): Resource {
  return { unitCode: c.unit_code, orgId: c.org_id, relatedOrgIds: c.evaluator_org_id ? [c.evaluator_org_id] : [] };
}

/** The official's jurisdiction covers the class (a county officer: its unit; a city official: all). */
export function coversUnit(actor: Actor, unitCode: string): boolean {
  return actor.unitCode === CITY_CODE || actor.unitCode === unitCode;
}

export function explain(p: { code: ErrorCode; params: Record<string, string | number> }) {
  const m = errorMessages(p.code, p.params);
  return { code: p.code, message: m['zh-CN'], messageEn: m.en };
}

export function explainProblem(p: Problem) {
  return { field: p.field, ...explain(p) };
}

export function iso(d: Date | string): string {
  return new Date(d).toISOString();
}
