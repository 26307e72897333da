import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { textParsers } from './parsers.ts';
import type { DB } from './types.ts';

export type DbKind = 'pglite' | 'postgres';

/** A raw connection for scripts (migrations) and bulk paths; everything else goes through Kysely. */
export interface RawDb {
  /** Run a multi-statement script (no parameters). */
  exec(sql: string): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Run `fn` in one transaction on one connection. */
  transaction<T>(fn: (tx: Pick<RawDb, 'exec' | 'query'>) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: DbKind;
  /** The embedded engine itself (PGlite only): for COPY from a Blob in benchmarks and bulk paths. */
  pglite?: PGlite;
  db: Kysely<DB>;
  raw: RawDb;
  close(): Promise<void>;
}

export type OpenOptions = { databaseUrl: string | null; dataDir: string; pgliteDir?: string | null };

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.pgliteDir ?? path.join(opts.dataDir, 'pglite'));
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL through pg

function pgTypes() {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      const p = textParsers[oid];
      if (p && format !== 'binary') return p;
      return pg.types.getTypeParser(oid, format ?? 'text');
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypes() as pg.CustomTypesConfig });
  // An idle connection the server closes (restart, failover) must not crash the process: the pool
  // drops it and opens a new one on the next query.
  pool.on('error', (err) => console.error(`[db] idle PostgreSQL connection closed: ${err.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const raw: RawDb = {
    async exec(sql) {
      await pool.query(sql);
    },
    async query(sql, params) {
      return (await pool.query(sql, params as unknown[])).rows;
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx = {
          exec: async (sql: string) => void (await client.query(sql)),
          query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[],
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
  };
  // Fail fast with a clear message when the server is not reachable.
  await pool.query('SELECT 1');
  return { kind: 'postgres', db, raw, close: () => db.destroy() };
}

// ---------------------------------------------------------------------------------------------
// Embedded PGlite: one connection, shared by Kysely and raw callers through a FIFO mutex

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    return prev.then(() => release);
  }
}

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.pglite.query<R>(q.sql, [...q.parameters]);
    const affected = res.affectedRows;
    return {
      rows: res.rows,
      ...(affected !== undefined && /^\s*(insert|update|delete|merge)/i.test(q.sql)
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streamQuery is not supported on PGlite');
  }
}

class PgliteDriver implements Driver {
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();
  constructor(private readonly pglite: PGlite, private readonly mutex: Mutex) {}
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.acquire();
    const c = new PgliteConnection(this.pglite);
    this.releases.set(c, release);
    return c;
  }
  async beginTransaction(c: DatabaseConnection, s: TransactionSettings) {
    await c.executeQuery(CompiledQuery.raw(s.isolationLevel ? `begin isolation level ${s.isolationLevel}` : 'begin'));
  }
  async commitTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(c: DatabaseConnection) {
    this.releases.get(c)?.();
    this.releases.delete(c);
  }
  async destroy() {
    await this.pglite.close();
  }
}

class PgliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite, private readonly mutex: Mutex) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver() {
    return new PgliteDriver(this.pglite, this.mutex);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

async function openPglite(dir: string): Promise<Database> {
  // 'memory://' gives a throw-away in-memory database (tests); anything else is a folder on disk.
  if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const parsers = { ...textParsers } as Record<number, (v: string) => unknown>;
  const pglite = await PGlite.create(dir, { parsers, relaxedDurability: false });
  const mutex = new Mutex();
  const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite, mutex) });
  const locked = async <T>(fn: () => Promise<T>): Promise<T> => {
    const release = await mutex.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  };
  const rows = async <R>(sql: string, params?: unknown[]) => (await pglite.query<R>(sql, params)).rows;
  const raw: RawDb = {
    exec: (sql) => locked(async () => void (await pglite.exec(sql))),
    query: (sql, params) => locked(() => rows(sql, params)),
    transaction: (fn) =>
      locked(async () => {
        await pglite.exec('BEGIN');
        try {
          const result = await fn({ exec: async (sql) => void (await pglite.exec(sql)), query: rows });
          await pglite.exec('COMMIT');
          return result;
        } catch (e) {
          await pglite.exec('ROLLBACK').catch(() => undefined);
          throw e;
        }
      }),
  };
  return { kind: 'pglite', pglite, db, raw, close: () => db.destroy() };
}
