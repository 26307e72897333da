import { sql } from 'kysely';
import type { Tx } from '../../usecases/context.ts';

/** An institution or enterprise row that passed validation (contact phones already encrypted). */
export type StagedOrg = { rowNumber: number; creditCode: string; name: string; payload: string; values: Record<string, string> };

export async function createOrgStaging(trx: Tx): Promise<void> {
  await sql`CREATE TEMP TABLE import_org_rows (
    row_number int NOT NULL, credit_code text NOT NULL, name text NOT NULL, payload text NOT NULL, cells text NOT NULL
  ) ON COMMIT DROP`.execute(trx);
}

export async function stageOrgs(trx: Tx, rows: readonly StagedOrg[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`INSERT INTO import_org_rows
    SELECT * FROM unnest(${rows.map((r) => r.rowNumber)}::int[], ${rows.map((r) => r.creditCode)}::text[], ${rows.map((r) => r.name)}::text[],
      ${rows.map((r) => r.payload)}::text[], ${rows.map((r) => JSON.stringify(r.values))}::text[])`.execute(trx);
}

/** The staged rows in file order, a page at a time. */
export async function* stagedOrgs(trx: Tx, pageSize = 500): AsyncGenerator<{ rowNumber: number; creditCode: string; name: string; payload: string; cells: string }> {
  let after = 0;
  for (;;) {
    const page = await sql<{ row_number: number; credit_code: string; name: string; payload: string; cells: string }>`
      SELECT * FROM import_org_rows WHERE row_number > ${after} ORDER BY row_number LIMIT ${pageSize}`.execute(trx);
    if (page.rows.length === 0) return;
    for (const r of page.rows) yield { rowNumber: r.row_number, creditCode: r.credit_code, name: r.name, payload: r.payload, cells: r.cells };
    after = page.rows[page.rows.length - 1]!.row_number;
  }
}
