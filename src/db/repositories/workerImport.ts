import { sql } from 'kysely';
import type { Tx } from '../../usecases/context.ts';

/**
 * The set-based half of a worker import (ADR 0007). Rows that passed row validation are staged in a
 * temporary table inside the import's transaction; duplicates inside the file, conflicts with the
 * registry and unchanged rows are then found with a few SQL statements instead of in memory, so memory
 * stays flat whatever the size of the file.
 */
export type StagedWorker = {
  rowNumber: number;
  id: string;
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  idCipher: Buffer;
  idBlind: string;
  idMasked: string;
  phoneCipher: Buffer | null;
  phoneBlind: string | null;
  phoneMasked: string | null;
  unitCode: string;
  countyCode: string;
  townshipCode: string | null;
  education: string | null;
  disability: boolean | null;
  /** Category codes, each starting on the import's category date, open-ended. */
  categories: string[];
  /** The original cells, for the rejected-rows report. */
  values: Record<string, string>;
};

export async function createWorkerStaging(trx: Tx): Promise<void> {
  await sql`CREATE TEMP TABLE import_rows (
    row_number int NOT NULL, id uuid NOT NULL, name text NOT NULL, gender char(1) NOT NULL, birth_date date NOT NULL,
    id_cipher bytea NOT NULL, id_blind text NOT NULL, id_masked text NOT NULL,
    phone_cipher bytea, phone_blind text, phone_masked text,
    unit_code text NOT NULL, county_code text NOT NULL, township_code text,
    education text, disability boolean, categories text NOT NULL, cells text NOT NULL
  ) ON COMMIT DROP`.execute(trx);
}

export async function stageWorkers(trx: Tx, rows: readonly StagedWorker[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof StagedWorker>(k: K) => rows.map((r) => r[k]);
  await sql`INSERT INTO import_rows
    SELECT * FROM unnest(${col('rowNumber')}::int[], ${col('id')}::uuid[], ${col('name')}::text[], ${col('gender')}::char(1)[],
      ${col('birthDate')}::date[], ${col('idCipher')}::bytea[], ${col('idBlind')}::text[], ${col('idMasked')}::text[],
      ${col('phoneCipher')}::bytea[], ${col('phoneBlind')}::text[], ${col('phoneMasked')}::text[], ${col('unitCode')}::text[],
      ${col('countyCode')}::text[], ${col('townshipCode')}::text[], ${col('education')}::text[], ${col('disability')}::boolean[],
      ${rows.map((r) => r.categories.join(','))}::text[], ${rows.map((r) => JSON.stringify(r.values))}::text[])`.execute(trx);
}

/**
 * Classify the staged rows. `reason` renders the Chinese reasons: in-file duplicates name the first
 * row; a stored worker with the same ID number but another name is a conflict. Returns the counts.
 */
export async function classifyAndStore(
  trx: Tx,
  opts: {
    categoryFrom: string;
    source: string;
    now: Date;
    /** The in-file duplicate reason around the first row's number: `before + N + after`. */
    duplicateReason: { before: string; after: string };
    conflictReason: string;
  },
): Promise<{ stored: number; unchanged: number; categoriesAdded: number }> {
  await sql`CREATE INDEX ON import_rows (id_blind)`.execute(trx);
  // Temporary tables are never auto-analysed: without statistics the joins below plan badly.
  await sql`ANALYZE import_rows`.execute(trx);
  // Temporary tables are never auto-analysed: without statistics the joins below plan badly.
  await sql`ANALYZE import_rows`.execute(trx);
  // 1. The same person twice in the file: the first row counts, the others are rejected.
  await sql`
    WITH ranked AS (
      SELECT row_number, id_blind, cells, min(row_number) OVER (PARTITION BY id_blind) AS first_row FROM import_rows
    )
    INSERT INTO import_problems
    SELECT row_number, '公民身份号码', ${opts.duplicateReason.before} || first_row || ${opts.duplicateReason.after}, cells
    FROM ranked WHERE row_number <> first_row`.execute(trx);
  await sql`DELETE FROM import_rows r USING import_rows f
    WHERE r.id_blind = f.id_blind AND r.row_number > f.row_number`.execute(trx);
  // 2. Already registered under another name: a conflict for a person to resolve, never overwritten.
  await sql`
    INSERT INTO import_problems
    SELECT r.row_number, '姓名', ${opts.conflictReason}, r.cells
    FROM import_rows r JOIN workers w ON w.id_blind = r.id_blind WHERE w.name <> r.name`.execute(trx);
  await sql`DELETE FROM import_rows r USING workers w WHERE w.id_blind = r.id_blind AND w.name <> r.name`.execute(trx);
  // 3. New people.
  const inserted = await sql<{ n: number }>`
    WITH ins AS (
      INSERT INTO workers (id, name, gender, birth_date, id_cipher, id_blind, id_masked, phone_cipher, phone_blind, phone_masked,
        unit_code, county_code, township_code, education, disability, created_at, updated_at)
      SELECT r.id, r.name, r.gender, r.birth_date, r.id_cipher, r.id_blind, r.id_masked, r.phone_cipher, r.phone_blind, r.phone_masked,
        r.unit_code, r.county_code, r.township_code, r.education, r.disability, ${opts.now}, ${opts.now}
      FROM import_rows r WHERE NOT EXISTS (SELECT 1 FROM workers w WHERE w.id_blind = r.id_blind)
      RETURNING 1
    ) SELECT count(*) AS n FROM ins`.execute(trx);
  const stored = inserted.rows[0]?.n ?? 0;
  const total = await sql<{ n: number }>`SELECT count(*) AS n FROM import_rows`.execute(trx);
  // 4. Categories of new and existing people: a period starts only where none of that code is already
  //    in force on the category date, so importing the same list again adds nothing.
  const added = await sql<{ n: number }>`
    WITH wanted AS (
      SELECT w.id AS worker_id, c.code
      FROM import_rows r
      JOIN workers w ON w.id_blind = r.id_blind
      CROSS JOIN LATERAL unnest(string_to_array(NULLIF(r.categories, ''), ',')) AS c(code)
    ), ins AS (
      INSERT INTO worker_categories (id, worker_id, category_code, valid_from, valid_to, employer_org_id, source, created_at)
      SELECT gen_random_uuid(), wanted.worker_id, wanted.code, ${opts.categoryFrom}::date, NULL, NULL, ${opts.source}, ${opts.now}
      FROM wanted
      WHERE NOT EXISTS (
        SELECT 1 FROM worker_categories wc
        WHERE wc.worker_id = wanted.worker_id AND wc.category_code = wanted.code
          AND wc.valid_from <= ${opts.categoryFrom}::date AND (wc.valid_to IS NULL OR wc.valid_to >= ${opts.categoryFrom}::date)
      )
      ON CONFLICT DO NOTHING
      RETURNING 1
    ) SELECT count(*) AS n FROM ins`.execute(trx);
  return { stored, unchanged: (total.rows[0]?.n ?? 0) - stored, categoriesAdded: added.rows[0]?.n ?? 0 };
}
