import { z } from 'zod';
import { scopeOf } from '../domain/auth/permissions.ts';
import { parseIdNumber } from '../domain/identity/idNumber.ts';
import { findOrganisation, listOrganisations, type OrganisationRow } from '../db/repositories/organisations.ts';
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
    // A query that is an ID number is matched exactly through the blind index, never by LIKE.
    const today = deps.clock.now().toISOString().slice(0, 10);
    const id = query.q ? parseIdNumber(query.q, today) : null;
    const { items, total } = await listWorkers(deps.db, scopeOf(actor), {
      ...query,
      ...(id?.ok ? { idBlind: deps.pii.blindIndex('id', id.value) } : {}),
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
  };
}

export function makeListOrganisations(deps: { db: Db }) {
  return async function listVisibleOrganisations(ctx: RequestContext, query: z.infer<typeof ListOrganisationsQuery>) {
    const actor = requireActor(ctx, 'org.read');
    const { items, total } = await listOrganisations(deps.db, scopeOf(actor), query);
    return { items: items.map(presentOrganisation), total };
  };
}

export function makeGetOrganisation(deps: { db: Db }) {
  return async function getOrganisation(ctx: RequestContext, id: string) {
    const o = requireVisible(ctx, 'org.read', await findOrganisation(deps.db, id), (r) => ({ unitCode: r.unit_code, orgId: r.id }));
    return {
      ...presentOrganisation(o),
      contactName: o.contact_name,
      contactPhoneMasked: o.contact_phone_masked,
      employees: o.employees,
      capacity: o.capacity,
    };
  };
}
