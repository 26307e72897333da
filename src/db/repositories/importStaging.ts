import { sql } from 'kysely';
import type { Tx } from '../../usecases/context.ts';

/**
 * The rejected rows of an import, kept in a temporary table of the import's transaction so that the
 * report can be written in row order without holding them in memory (ADR 0007).
 */
export type StagedProblem = { rowNumber: number; field: string; reason: string; values: Record<string, string> };

export async function createProblemTable(trx: Tx): Promise<void> {
  await sql`CREATE TEMP TABLE import_problems (
    row_number int NOT NULL, field text NOT NULL, reason text NOT NULL, cells text NOT NULL
  ) ON COMMIT DROP`.execute(trx);
}

export async function stageProblems(trx: Tx, problems: readonly StagedProblem[]): Promise<void> {
  if (problems.length === 0) return;
  await sql`INSERT INTO import_problems
    SELECT * FROM unnest(${problems.map((p) => p.rowNumber)}::int[], ${problems.map((p) => p.field)}::text[],
      ${problems.map((p) => p.reason)}::text[], ${problems.map((p) => JSON.stringify(p.values))}::text[])`.execute(trx);
}

export async function countProblemRows(trx: Tx): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(DISTINCT row_number) AS n FROM import_problems`.execute(trx);
  return r.rows[0]?.n ?? 0;
}

/** The problems in row order, a page at a time (for the streaming report writer). */
export async function* problemsInOrder(trx: Tx, pageSize = 5000): AsyncGenerator<StagedProblem> {
  let after = { row: 0, field: '', reason: '' };
  for (;;) {
    const page = await sql<{ row_number: number; field: string; reason: string; cells: string }>`
      SELECT row_number, field, reason, cells FROM import_problems
      WHERE (row_number, field, reason) > (${after.row}, ${after.field}, ${after.reason})
      ORDER BY row_number, field, reason LIMIT ${pageSize}`.execute(trx);
    if (page.rows.length === 0) return;
    for (const p of page.rows) yield { rowNumber: p.row_number, field: p.field, reason: p.reason, values: JSON.parse(p.cells) as Record<string, string> };
    const last = page.rows[page.rows.length - 1]!;
    after = { row: last.row_number, field: last.field, reason: last.reason };
  }
}
