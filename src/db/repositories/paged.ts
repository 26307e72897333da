import type { SelectQueryBuilder, Simplify } from 'kysely';

export type Paging = { page: number; pageSize: number };
export type Page<T> = { items: T[]; total: number };

/**
 * One page of a filtered query and the number of all its rows: first the count (the same joins and conditions,
 * no ordering), then the page's rows in the order `order` gives them. Pages are numbered from 1.
 */
export async function paged<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  order: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, O>,
  p: Paging,
): Promise<Page<Simplify<O>>> {
  // (Kysely cannot resolve the selection's type over a generic DB; the row is { n }.)
  const total = (await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()) as { n: number | string };
  const items = await order(q)
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}
