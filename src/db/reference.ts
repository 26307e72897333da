import { REPORTING_UNITS, TOWNSHIPS, YUNCHENG } from '../domain/identity/divisions.ts';
import {
  CERTIFICATE_TYPES,
  FUND_SOURCES,
  OCCUPATIONS,
  PERSON_CATEGORIES,
  SKILL_LEVELS,
  TRAINING_TYPES,
  type RefEntry,
} from '../domain/reference/catalog.ts';
import type { RawDb } from './client.ts';

type Tx = Pick<RawDb, 'exec' | 'query'>;

/**
 * Load the reference data from its source files (src/domain/identity/divisions.ts,
 * src/domain/reference/catalog.ts) after the migrations. Idempotent. Fixed code lists follow the
 * files; the occupation list is editable by the city office, so only missing codes are inserted.
 */
export async function loadReferenceData(tx: Tx): Promise<void> {
  await tx.query(
    `INSERT INTO reporting_units (code, name, name_en, kind, parent_code, population, is_development_zone, sort)
     VALUES ($1, $2, $3, 'prefecture', NULL, $4, false, 0)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, population = EXCLUDED.population`,
    [YUNCHENG.code, YUNCHENG.name, YUNCHENG.nameEn, YUNCHENG.population],
  );
  for (const [i, u] of REPORTING_UNITS.entries()) {
    await tx.query(
      `INSERT INTO reporting_units (code, name, name_en, kind, parent_code, population, is_development_zone, sort)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, kind = EXCLUDED.kind,
         parent_code = EXCLUDED.parent_code, population = EXCLUDED.population,
         is_development_zone = EXCLUDED.is_development_zone, sort = EXCLUDED.sort`,
      [u.code, u.name, u.nameEn, u.kind, u.parentCode, u.population, u.kind === 'zone', i + 1],
    );
  }
  for (const t of TOWNSHIPS) {
    await tx.query(
      `INSERT INTO townships (code, name, county_code) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, county_code = EXCLUDED.county_code`,
      [t.code, t.name, t.countyCode],
    );
  }
  await upsertCodeList(tx, 'training_types', TRAINING_TYPES);
  await upsertCodeList(tx, 'person_categories', PERSON_CATEGORIES);
  await upsertCodeList(tx, 'fund_sources', FUND_SOURCES);
  await upsertCodeList(tx, 'certificate_types', CERTIFICATE_TYPES);
  for (const [i, l] of SKILL_LEVELS.entries()) {
    await tx.query(
      `INSERT INTO skill_levels (code, name, name_en, rank, sort) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, rank = EXCLUDED.rank, sort = EXCLUDED.sort`,
      [l.code, l.name, l.nameEn, l.rank, i],
    );
  }
  for (const o of OCCUPATIONS) {
    await tx.query(
      `INSERT INTO occupations (code, name, verified, source) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`,
      [o.code, o.name, o.verified, o.source],
    );
  }
}

async function upsertCodeList(tx: Tx, table: string, rows: readonly RefEntry[]): Promise<void> {
  for (const [i, r] of rows.entries()) {
    await tx.query(
      `INSERT INTO ${table} (code, name, name_en, clause, sort) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, clause = EXCLUDED.clause, sort = EXCLUDED.sort`,
      [r.code, r.name, r.nameEn, r.clause, i],
    );
  }
}
