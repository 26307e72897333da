import type { SelectQueryBuilder, Simplify } from 'kysely';

export type Paging = { page: number; pageSize: number };
export type Page<T> = { items: T[]; total: number };

/**
 * One page of a filtered query and the number of all its rows: the count (the same joins and conditions, no
 * ordering) and the page's rows in the order `order` gives them. Pages are numbered from 1.
 *
 * By default the count runs first, then the page, so the helper works inside a transaction (one connection,
 * one statement at a time). `concurrently: true` sends both at once: only for a query on the pool, never on a
 * transaction.
 */
export async function paged<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  order: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, O>,
  p: Paging,
  opts: { concurrently?: boolean } = {},
): Promise<Page<Simplify<O>>> {
  // (Kysely cannot resolve the selection's type over a generic DB; the row is { n }.)
  const count = () => q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow() as Promise<{ n: number | string }>;
  const page = () =>
    order(q)
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize)
      .execute();
  if (opts.concurrently) {
    const [items, total] = await Promise.all([page(), count()]);
    return { items, total: Number(total.n) };
  }
  const total = await count();
  const items = await page();
  return { items, total: Number(total.n) };
}
