import type { Db, Tx } from '../../usecases/context.ts';

/** The frozen report of a kind, period, month basis and unit (CITY_CODE for the city), with who froze it and its approval. */
export async function findFrozenReport(db: Db | Tx, q: { kind: string; key: string; basis: string; unitCode: string }) {
  return db
    .selectFrom('frozen_reports as f')
    .leftJoin('report_approvals as a', 'a.report_id', 'f.id')
    .leftJoin('users as u', 'u.id', 'f.frozen_by')
    .select(['f.id', 'f.data', 'f.frozen_at', 'a.approved_at', 'u.display_name as frozen_by_name'])
    .where('f.kind', '=', q.kind)
    .where('f.period_key', '=', q.key)
    .where('f.basis', '=', q.basis)
    .where('f.unit_code', '=', q.unitCode)
    .executeTakeFirst();
}
