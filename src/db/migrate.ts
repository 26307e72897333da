import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';
import { loadReferenceData } from './reference.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type MigrationFile = { name: string; sql: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** A lock id all Jineng processes share, so two servers starting together migrate once. */
const MIGRATION_LOCK = 0x6a696e65;

/**
 * Apply every migration not yet applied, each in its own transaction, then load reference data.
 * Forward-only: an applied migration whose file has changed is an error, never re-run. Each step
 * takes a transaction-scoped advisory lock first, so concurrent starters serialise.
 */
export async function migrate(database: Database, log: (msg: string) => void = () => {}): Promise<string[]> {
  const { raw } = database;
  await raw.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  const applied: string[] = [];
  for (const m of readMigrations()) {
    const didApply = await raw.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const [seen] = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE name = $1', [m.name]);
      if (seen) {
        if (seen.checksum !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead`);
        return false;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
      return true;
    });
    if (didApply) {
      applied.push(m.name);
      log(`applied ${m.name}`);
    }
  }
  await raw.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await loadReferenceData(tx);
  });
  return applied;
}
