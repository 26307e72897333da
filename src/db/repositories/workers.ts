import type { Scope } from '../../domain/auth/permissions.ts';
import type { Db, Tx } from '../../usecases/context.ts';
import { paged } from './paged.ts';

const workerColumns = ['w.id', 'w.name', 'w.gender', 'w.birth_date', 'w.id_masked', 'w.phone_masked', 'w.unit_code', 'w.county_code', 'w.township_code'] as const;

export async function findWorker(db: Db | Tx, id: string) {
  return db
    .selectFrom('workers as w')
    .innerJoin('reporting_units as ru', 'ru.code', 'w.unit_code')
    .leftJoin('townships as t', 't.code', 'w.township_code')
    .select([...workerColumns, 'ru.name as unit_name', 'ru.name_en as unit_name_en', 't.name as township_name'])
    .where('w.id', '=', id)
    .executeTakeFirst();
}
export type WorkerRow = NonNullable<Awaited<ReturnType<typeof findWorker>>>;

export type WorkerSort = 'name' | '-name' | 'birthDate' | '-birthDate';
export type WorkerFilter = {
  q?: string;
  idBlind?: string;
  phoneBlind?: string;
  unitCode?: string;
  /** A person category in force on `on` (YYYY-MM-DD). */
  category?: { code: string; on: string };
  sort?: WorkerSort;
  page: number;
  pageSize: number;
};

/**
 * Workers visible in `scope`. Institutions and enterprises see the people enrolled with them or
 * employed by them; those links arrive with the registry and class issues, so today they see none.
 */
export async function listWorkers(db: Db, scope: Scope, f: WorkerFilter) {
  let q = db
    .selectFrom('workers as w')
    .innerJoin('reporting_units as ru', 'ru.code', 'w.unit_code')
    .leftJoin('townships as t', 't.code', 'w.township_code');
  switch (scope.kind) {
    case 'city':
      break;
    case 'unit':
      q = q.where('w.unit_code', '=', scope.unitCode);
      break;
    case 'worker':
      q = q.where('w.id', '=', scope.workerId);
      break;
    case 'organisation': {
      // An institution or enterprise sees the people it trains or evaluates, and an enterprise its employees.
      const orgId = scope.orgId;
      q = q.where(({ exists, selectFrom, or }) =>
        or([
          exists(
            selectFrom('enrolments as e')
              .innerJoin('training_classes as c', 'c.id', 'e.class_id')
              .select('e.id')
              .whereRef('e.worker_id', '=', 'w.id')
              .where((eb) => eb.or([eb('c.org_id', '=', orgId), eb('c.evaluator_org_id', '=', orgId)])),
          ),
          exists(selectFrom('worker_categories as wc').select('wc.id').whereRef('wc.worker_id', '=', 'w.id').where('wc.employer_org_id', '=', orgId)),
        ]),
      );
      break;
    }
    default:
      return { items: [], total: 0 };
  }
  if (f.unitCode) q = q.where('w.unit_code', '=', f.unitCode);
  if (f.idBlind) q = q.where('w.id_blind', '=', f.idBlind);
  else if (f.phoneBlind) q = q.where('w.phone_blind', '=', f.phoneBlind);
  else if (f.q) q = q.where('w.name', 'like', `${f.q.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.category) {
    const c = f.category;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('worker_categories as wc')
          .select('wc.id')
          .whereRef('wc.worker_id', '=', 'w.id')
          .where('wc.category_code', '=', c.code)
          .where('wc.valid_from', '<=', c.on)
          .where((eb) => eb.or([eb('wc.valid_to', 'is', null), eb('wc.valid_to', '>=', c.on)])),
      ),
    );
  }
  const sort = f.sort ?? 'name';
  const column = sort.endsWith('name') ? 'w.name' : 'w.birth_date';
  return paged(
    q.select([...workerColumns, 'ru.name as unit_name', 'ru.name_en as unit_name_en', 't.name as township_name']),
    (q) => q.orderBy(column, sort.startsWith('-') ? 'desc' : 'asc').orderBy('w.id'),
    f,
    { concurrently: true },
  );
}

export async function countWorkers(db: Db, scope: Scope): Promise<number> {
  return (await listWorkers(db, scope, { page: 1, pageSize: 1 })).total;
}

/** The organisations a person trains with, is evaluated by or works for: the `relatedOrgIds` of the permission check. */
export async function relatedOrgIdsOf(db: Db, workerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('enrolments as e')
    .innerJoin('training_classes as c', 'c.id', 'e.class_id')
    .select(['c.org_id', 'c.evaluator_org_id'])
    .where('e.worker_id', '=', workerId)
    .execute();
  const employers = await db.selectFrom('worker_categories').select('employer_org_id').where('worker_id', '=', workerId).where('employer_org_id', 'is not', null).execute();
  const ids = new Set<string>();
  for (const r of rows) {
    ids.add(r.org_id);
    if (r.evaluator_org_id) ids.add(r.evaluator_org_id);
  }
  for (const e of employers) if (e.employer_org_id) ids.add(e.employer_org_id);
  return [...ids];
}
