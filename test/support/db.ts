import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';

/**
 * A real, freshly migrated database for one test file (style.md: no in-memory doubles).
 * JINENG_TEST_DB=pglite → an in-memory PGlite; JINENG_TEST_DB=pg → a new database on the PostgreSQL
 * server at JINENG_TEST_PG_URL (scripts/test.mjs finds or starts one), dropped afterwards.
 */
export type TestDatabase = Database & { url: string | null; dispose(): Promise<void> };

export function testDbKind(): 'pglite' | 'pg' {
  return process.env.JINENG_TEST_DB === 'pg' ? 'pg' : 'pglite';
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDbKind() === 'pglite') {
    const database = await openDatabase({ databaseUrl: null, dataDir: '', pgliteDir: 'memory://' });
    await migrate(database);
    return { ...database, url: null, dispose: () => database.close() };
  }
  const adminUrl = process.env.JINENG_TEST_PG_URL;
  if (!adminUrl) throw new Error('JINENG_TEST_PG_URL is not set: run the suite with `npm test`, which provisions PostgreSQL');
  const name = `jineng_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  await migrate(database);
  return {
    ...database,
    url,
    async dispose() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
