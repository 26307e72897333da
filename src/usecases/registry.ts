import { z } from 'zod';
import { scopeOf } from '../domain/auth/permissions.ts';
import { parseIdNumber } from '../domain/identity/idNumber.ts';
import { beijingDate } from '../domain/time.ts';
import { listOrganisations, type OrganisationRow } from '../db/repositories/organisations.ts';
import { findWorker, listWorkers, type WorkerRow } from '../db/repositories/workers.ts';
import type { PiiCipher } from '../security/pii.ts';
import type { Clock, Db, RequestContext } from './context.ts';
import { requireActor, requireVisible } from './guards.ts';

const Paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const UnitCode = z.string().regex(/^\d{6}(\d{3})?$/);

export const ListWorkersQuery = z.strictObject({
  ...Paging,
  q: z.string().trim().max(40).optional(),
  unitCode: UnitCode.optional(),
  category: z.string().max(40).optional().describe('A person category in force today'),
  sort: z.enum(['name', '-name', 'birthDate', '-birthDate']).default('name'),
});

/** Only the masked ID and phone numbers ever leave the registry here (reveal is its own, audited action). */
export function presentWorker(w: WorkerRow) {
  return {
    id: w.id,
    name: w.name,
    gender: w.gender,
    birthDate: w.birth_date,
    idNumberMasked: w.id_masked,
    phoneMasked: w.phone_masked,
    unitCode: w.unit_code,
    unitName: w.unit_name,
    unitNameEn: w.unit_name_en,
    townshipName: w.township_name,
  };
}

export function makeListWorkers(deps: { db: Db; clock: Clock; pii: PiiCipher }) {
  return async function listVisibleWorkers(ctx: RequestContext, query: z.infer<typeof ListWorkersQuery>) {
    const actor = requireActor(ctx, 'worker.read');
    // An ID or phone number is matched exactly through its blind index, never by LIKE; else a name prefix.
    const today = beijingDate(deps.clock.now());
    const id = query.q ? parseIdNumber(query.q, today) : null;
    const phone = query.q && /^1[3-9]\d{9}$/.test(query.q) ? query.q : null;
    const { category, ...rest } = query;
    const { items, total } = await listWorkers(deps.db, scopeOf(actor), {
      ...rest,
      ...(id?.ok ? { idBlind: deps.pii.blindIndex('id', id.value) } : {}),
      ...(phone ? { phoneBlind: deps.pii.blindIndex('phone', phone) } : {}),
      ...(category ? { category: { code: category, on: today } } : {}),
    });
    return { items: items.map(presentWorker), total };
  };
}

export function makeGetWorker(deps: { db: Db }) {
  return async function getWorker(ctx: RequestContext, id: string) {
    const row = await findWorker(deps.db, id);
    return presentWorker(requireVisible(ctx, 'worker.read', row, (w) => ({ unitCode: w.unit_code, workerId: w.id })));
  };
}

export const ListOrganisationsQuery = z.strictObject({
  ...Paging,
  kind: z.enum(['institution', 'enterprise']).optional(),
  status: z.enum(['active', 'suspended', 'blacklisted']).optional(),
  q: z.string().trim().max(60).optional(),
  unitCode: UnitCode.optional(),
});

export function presentOrganisation(o: OrganisationRow) {
  return {
    id: o.id,
    name: o.name,
    creditCode: o.credit_code,
    kind: o.kind,
    institutionKind: o.institution_kind,
    admissionRoute: o.admission_route,
    industry: o.industry,
    highRisk: o.high_risk,
    unitCode: o.unit_code,
    unitName: o.unit_name,
    unitNameEn: o.unit_name_en,
    status: o.status,
    statusReason: o.status_reason,
    statusSince: o.status_since,
    statusDecisionRef: o.status_decision_ref,
  };
}

export function makeListOrganisations(deps: { db: Db }) {
  return async function listVisibleOrganisations(ctx: RequestContext, query: z.infer<typeof ListOrganisationsQuery>) {
    const actor = requireActor(ctx, 'org.read');
    const { items, total } = await listOrganisations(deps.db, scopeOf(actor), query);
    return { items: items.map(presentOrganisation), total };
  };
}
