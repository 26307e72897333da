import { sql } from 'kysely';
import type { Tx } from '../../usecases/context.ts';

/** A category-list row that passed validation: one person, one or more categories, one period. */
export type StagedCategoryRow = { rowNumber: number; idBlind: string; name: string; codes: string[]; validFrom: string; validTo: string | null; values: Record<string, string> };

export async function createCategoryStaging(trx: Tx): Promise<void> {
  await sql`CREATE TEMP TABLE import_category_rows (
    row_number int NOT NULL, id_blind text NOT NULL, name text NOT NULL, code text NOT NULL,
    valid_from date NOT NULL, valid_to date, cells text NOT NULL
  ) ON COMMIT DROP`.execute(trx);
}

export async function stageCategoryRows(trx: Tx, rows: readonly StagedCategoryRow[]): Promise<void> {
  const flat = rows.flatMap((r) => r.codes.map((code) => ({ ...r, code })));
  if (flat.length === 0) return;
  await sql`INSERT INTO import_category_rows
    SELECT * FROM unnest(${flat.map((r) => r.rowNumber)}::int[], ${flat.map((r) => r.idBlind)}::text[], ${flat.map((r) => r.name)}::text[],
      ${flat.map((r) => r.code)}::text[], ${flat.map((r) => r.validFrom)}::date[], ${flat.map((r) => r.validTo)}::date[],
      ${flat.map((r) => JSON.stringify(r.values))}::text[])`.execute(trx);
}

/**
 * Add the staged periods to registered people. A person not in the registry, or registered under
 * another name, is a problem for that row; a period whose category is already in force on its start
 * date adds nothing (so the same list imported twice changes nothing); a period that would overlap
 * another of the same category is refused.
 */
export async function settleCategoryRows(
  trx: Tx,
  opts: { source: string; now: Date; unitCode: string | null; reasons: { notRegistered: string; nameMismatch: string; overlap: string; outOfScope: string } },
): Promise<{ stored: number; unchanged: number; categoriesAdded: number }> {
  await sql`CREATE INDEX ON import_category_rows (id_blind)`.execute(trx);
  await sql`ANALYZE import_category_rows`.execute(trx);
  const problem = async (reason: string, field: string, where: ReturnType<typeof sql>) => {
    await sql`INSERT INTO import_problems SELECT DISTINCT r.row_number, ${field}, ${reason}, r.cells FROM import_category_rows r ${where}`.execute(trx);
  };
  await problem(opts.reasons.notRegistered, '公民身份号码', sql`WHERE NOT EXISTS (SELECT 1 FROM workers w WHERE w.id_blind = r.id_blind)`);
  await problem(opts.reasons.nameMismatch, '姓名', sql`JOIN workers w ON w.id_blind = r.id_blind WHERE w.name <> r.name`);
  if (opts.unitCode) await problem(opts.reasons.outOfScope, '公民身份号码', sql`JOIN workers w ON w.id_blind = r.id_blind WHERE w.unit_code <> ${opts.unitCode}`);
  // A new period that would overlap an existing one of the same category without being covered by it.
  await problem(
    opts.reasons.overlap,
    '人员类别',
    sql`JOIN workers w ON w.id_blind = r.id_blind
      WHERE EXISTS (SELECT 1 FROM worker_categories wc WHERE wc.worker_id = w.id AND wc.category_code = r.code
        AND wc.valid_from <= coalesce(r.valid_to, 'infinity'::date) AND coalesce(wc.valid_to, 'infinity'::date) >= r.valid_from)
      AND NOT EXISTS (SELECT 1 FROM worker_categories wc WHERE wc.worker_id = w.id AND wc.category_code = r.code
        AND wc.valid_from <= r.valid_from AND (wc.valid_to IS NULL OR wc.valid_to >= r.valid_from))`,
  );
  // Rows with any problem take no part (a row is all or nothing).
  await sql`DELETE FROM import_category_rows r USING import_problems p WHERE p.row_number = r.row_number`.execute(trx);
  const added = await sql<{ n: number }>`
    WITH ins AS (
      INSERT INTO worker_categories (id, worker_id, category_code, valid_from, valid_to, employer_org_id, source, created_at)
      SELECT DISTINCT ON (w.id, r.code, r.valid_from) gen_random_uuid(), w.id, r.code, r.valid_from, r.valid_to, NULL::uuid, ${opts.source}, ${opts.now}::timestamptz
      FROM import_category_rows r JOIN workers w ON w.id_blind = r.id_blind
      WHERE NOT EXISTS (SELECT 1 FROM worker_categories wc WHERE wc.worker_id = w.id AND wc.category_code = r.code
        AND wc.valid_from <= r.valid_from AND (wc.valid_to IS NULL OR wc.valid_to >= r.valid_from))
      ON CONFLICT DO NOTHING
      RETURNING worker_id
    ) SELECT count(*) AS n FROM ins`.execute(trx);
  const rows = await sql<{ total: number; touched: number }>`
    SELECT count(DISTINCT r.row_number) AS total,
      count(DISTINCT r.row_number) FILTER (WHERE wc.id IS NOT NULL) AS touched
    FROM import_category_rows r JOIN workers w ON w.id_blind = r.id_blind
    LEFT JOIN worker_categories wc ON wc.worker_id = w.id AND wc.category_code = r.code AND wc.valid_from = r.valid_from AND wc.source = ${opts.source}`.execute(trx);
  const total = rows.rows[0]?.total ?? 0;
  const touched = rows.rows[0]?.touched ?? 0;
  return { stored: touched, unchanged: total - touched, categoriesAdded: added.rows[0]?.n ?? 0 };
}
