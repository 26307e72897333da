/**
 * Attendance check-in under load (issue #4): the real POST /api/me/attendance beside a bare Fastify route doing
 * one INSERT (the floor), on the same PostgreSQL, over loopback, with 200 connections.
 *
 *   npx tsx bench/checkin.ts [--runs 5] [--duration 10] [--connections 200] [--workers 10000] [--warmup 3]
 *                            [--targets app-cold,app-warm,floor] [--profile] [--cpu-prof DIR] [--keep]
 *   npm run bench:checkin -- --runs 7
 *
 * PostgreSQL: BENCH_PG_URL or DATABASE_URL names the server (any database on it; default
 * postgres://postgres@127.0.0.1:5432/postgres, trust auth). A fresh database jineng_bench_checkin_<pid> is
 * created, migrated (src/db/migrate.ts) and filled, and dropped at the end (--keep keeps it).
 *
 * Fixture (SQL, not the use cases): one institution; `--workers` workers, 40 to a class; every class
 * 'in_progress' with one session running now (started 10 minutes ago, ends in 2 hours) and its workers actively
 * enrolled; per worker a user of role 'worker' and a session row stored as login stores it (the SHA-256 of the
 * cookie token, src/usecases/auth/session.ts newSessionToken).
 *
 * Targets, each in its own child process (the same Node and tsx loader; a `pg` pool of 10 as in src/db/client.ts):
 * - app-cold: the real app (buildApp, real PostgreSQL, logger off, the same fixed master key as the tokens).
 *   Every scan comes from a worker whose session this server has not resolved for more than 30 s, so each
 *   request also reads its session and user from the database (the in-process cache misses).
 * - app-warm: the same app in a second process; before each run every worker about to scan first calls
 *   GET /api/auth/me (untimed), as the web portal does when the phone opens the scan page, so the measured
 *   scans find their session in the 30-second cache.
 * - floor: a bare Fastify 5 server with one route doing a single INSERT (autocommit) into a 4-column table.
 * Runs rotate over the targets (app-cold, app-warm, floor; then app-warm, floor, app-cold; …) so that noise on
 * the machine falls on all of them; the medians are reported.
 *
 * Every request to the app is a legitimate scan that must succeed (201): a generator hands each autocannon
 * request the next worker with no scan in flight, alternating check-in and check-out per worker, with the token
 * the classroom screen shows now (encodeToken with pii.tokenMac over the shared master key, current 30-s slot).
 * A worker gets a kind at most once per slot (the database refuses a second scan of the same kind, person,
 * session and slot), so the sustained rate is bounded by 2 × workers / 30 s; "starved" counts requests sent
 * without a fresh scan (they fail with 401 and show up in non-2xx). After each run the workers whose scan was
 * cut off are re-read from the database. Anything but a 201 is counted and the first answers printed.
 *
 * --profile adds, per run and target, where a request's time goes inside the server process (pool wait, each
 * statement, event-loop delay), measured by wrapping pg.Pool#connect and pg.Client#query in the child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { encodeToken, slotOf, type TokenKind } from '../src/domain/training/qrToken.ts';
import { buildApp } from '../src/http/app.ts';
import { makePiiCipher } from '../src/security/pii.ts';
import { newSessionToken } from '../src/usecases/auth/session.ts';
import { systemClock } from '../src/usecases/context.ts';

/** A fixed master key: the fixture's tokens and the app under test share it. */
const MASTER_KEY = Buffer.from('6a696e656e672d62656e63682d636865636b696e2d6d61737465722d6b657921', 'hex');
const PER_CLASS = 40;
const POOL_MAX = 10; // as src/db/client.ts openPostgres
const FLOOR_TABLE = 'bench_floor_scans';
/** Sessions to resolve before an app-warm run; under the session cache's 10,000 entries (it empties itself when full). */
const PRIME_MAX = 9_000;

type Role = 'app' | 'floor';
type TargetName = 'app-cold' | 'app-warm' | 'floor';
const TARGETS: readonly TargetName[] = ['app-cold', 'app-warm', 'floor'];

// ---------------------------------------------------------------------------------------------------------
// Child process: one server

type ToChild = { cmd: 'stats' } | { cmd: 'stop' };
type Profile = {
  requests: number;
  /** Time inside the server, from the request event to the end of the response. */
  serverMs: number[];
  acquires: number;
  acquireWaitMs: number;
  queries: Record<string, { n: number; ms: number }>;
  loopDelayP99Ms: number;
};
type FromChild = { ready: number } | { cpu: NodeJS.CpuUsage; profile: Profile | null };

function installProfiler(): { take: () => Profile; onRequest: (req: IncomingMessage, res: ServerResponse) => void } {
  const fresh = (): Profile => ({ requests: 0, serverMs: [], acquires: 0, acquireWaitMs: 0, queries: {}, loopDelayP99Ms: 0 });
  let p = fresh();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const label = (sql: string) => {
    const s = sql.replace(/\s+/g, ' ').trim().toLowerCase();
    const head = /^(begin|commit|rollback|select pg_advisory_xact_lock)/.exec(s);
    if (head) return head[1]!;
    const verb = /^(select|insert into|update|delete from)/.exec(s)?.[1] ?? s.slice(0, 20);
    const table = (verb === 'select' ? /\bfrom "?([a-z_]+)"?/.exec(s) : /^(?:insert into|update|delete from) "?([a-z_]+)"?/.exec(s))?.[1] ?? '';
    return `${verb} ${table}`;
  };
  const connect = pg.Pool.prototype.connect;
  pg.Pool.prototype.connect = function (this: pg.Pool, ...args: unknown[]) {
    // Kysely takes connections with the promise form; pool.query (the floor) uses the callback form, not timed.
    if (args.length) return (connect as (...a: unknown[]) => unknown).apply(this, args);
    const t0 = performance.now();
    return (connect as (...a: unknown[]) => Promise<pg.PoolClient>).call(this).then((c) => {
      p.acquires++;
      p.acquireWaitMs += performance.now() - t0;
      return c;
    });
  } as typeof connect;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const r = (query as (...a: unknown[]) => unknown).apply(this, args);
    if (typeof args[0] === 'string' && r && typeof (r as Promise<unknown>).then === 'function') {
      const t0 = performance.now();
      const k = label(args[0]);
      void (r as Promise<unknown>).then(
        () => {
          const q = (p.queries[k] ??= { n: 0, ms: 0 });
          q.n++;
          q.ms += performance.now() - t0;
        },
        () => undefined,
      );
    }
    return r;
  } as typeof query;
  return {
    take() {
      const out = { ...p, loopDelayP99Ms: loop.percentile(99) / 1e6 };
      p = fresh();
      loop.reset();
      return out;
    },
    onRequest(_req, res) {
      const t0 = performance.now();
      res.once('finish', () => {
        p.requests++;
        p.serverMs.push(performance.now() - t0);
      });
    },
  };
}

async function serveChild(role: Role, url: string, profile: boolean): Promise<void> {
  const profiler = profile ? installProfiler() : null;
  let close: () => Promise<void>;
  let port: number;
  if (role === 'app') {
    const database = await openDatabase({ databaseUrl: url, dataDir: os.tmpdir() });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-bench-checkin-'));
    const app = await buildApp(
      {
        dataDir,
        db: database.db,
        clock: systemClock,
        pii: makePiiCipher(MASTER_KEY),
        sessionHours: 12,
        secureCookies: false,
        readiness: () => ({ ready: true, phase: 'ready', seeding: null }),
      },
      { logger: false },
    );
    if (profiler) app.server.prependListener('request', profiler.onRequest);
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    close = async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  } else {
    // The floor: a bare Fastify 5 server, one route, one INSERT through a pg pool of the same size.
    const pool = new pg.Pool({ connectionString: url, max: POOL_MAX });
    pool.on('error', (err) => console.error(`[floor] idle PostgreSQL connection closed: ${err.message}`));
    const app = Fastify({ logger: false });
    app.post('/floor', async (req, reply) => {
      const body = req.body as { token?: unknown } | undefined;
      await pool.query(`INSERT INTO ${FLOOR_TABLE} (id, token, at, ip) VALUES ($1, $2, $3, $4)`, [randomUUID(), String(body?.token ?? ''), new Date(), req.ip ?? null]);
      return reply.code(201).send({ ok: true });
    });
    if (profiler) app.server.prependListener('request', profiler.onRequest);
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    close = async () => {
      await app.close();
      await pool.end();
    };
  }
  process.on('message', (m: ToChild) => {
    if (m.cmd === 'stats') process.send!({ cpu: process.cpuUsage(), profile: profiler?.take() ?? null } satisfies FromChild);
    if (m.cmd === 'stop') void close().then(() => process.exit(0));
  });
  process.send!({ ready: port } satisfies FromChild);
}

class Child {
  private constructor(readonly role: Role, private readonly proc: ChildProcess, readonly port: number) {}

  static start(role: Role, url: string, profile: boolean, cpuProfDir: string | null, label: string): Promise<Child> {
    const execArgv = cpuProfDir ? [...process.execArgv, '--cpu-prof', '--cpu-prof-dir', path.join(cpuProfDir, label)] : process.execArgv;
    const proc = fork(fileURLToPath(import.meta.url), ['--serve', role, url, ...(profile ? ['--profile'] : [])], { stdio: 'inherit', execArgv });
    return new Promise((resolve, reject) => {
      proc.once('exit', (code) => reject(new Error(`${label} server exited (${code})`)));
      proc.once('message', (m: FromChild) => {
        if ('ready' in m) resolve(new Child(role, proc, m.ready));
      });
    });
  }

  stats(): Promise<{ cpu: NodeJS.CpuUsage; profile: Profile | null }> {
    return new Promise((resolve) => {
      this.proc.once('message', (m: FromChild) => 'cpu' in m && resolve(m));
      this.proc.send({ cmd: 'stats' } satisfies ToChild);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.proc.removeAllListeners('exit');
      if (this.proc.exitCode !== null || this.proc.signalCode !== null || !this.proc.connected) return resolve();
      this.proc.once('exit', () => resolve());
      this.proc.send({ cmd: 'stop' } satisfies ToChild, (err) => err && this.proc.kill('SIGKILL'));
      setTimeout(() => this.proc.kill('SIGKILL'), 10_000).unref();
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Fixture

type BenchWorker = { id: string; cookie: string; classId: string; sessionId: string; next: TokenKind; lastSlot: Record<TokenKind, number>; busy: boolean; unsure: boolean };

async function buildFixture(database: Database, count: number): Promise<BenchWorker[]> {
  const { raw } = database;
  const now = Date.now();
  const orgId = randomUUID();
  await raw.query(
    `INSERT INTO organisations (id, kind, name, credit_code, institution_kind, unit_code)
     VALUES ($1, 'institution', '运城市基准测试职业培训学校', '12140800MB0000000X', 'technical_school', '140802')`,
    [orgId],
  );
  const classes = Math.ceil(count / PER_CLASS);
  const classIds = Array.from({ length: classes }, () => randomUUID());
  const sessionIds = Array.from({ length: classes }, () => randomUUID());
  await raw.query(
    `INSERT INTO training_classes (id, org_id, unit_code, status, code, name, start_date, end_date, capacity, scheduled_minutes, scheduled_days)
     SELECT c.id, $2, '140802', 'in_progress', 'BENCH-' || c.n, '基准测试班第' || c.n || '期', current_date, current_date, ${PER_CLASS}, 130, 1
     FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, n)`,
    [classIds, orgId],
  );
  await raw.query(
    `INSERT INTO class_sessions (id, class_id, seq, starts_at, ends_at, minutes) SELECT s, c, 1, $3, $4, 130 FROM unnest($1::uuid[], $2::uuid[]) AS t(s, c)`,
    [sessionIds, classIds, new Date(now - 10 * 60_000), new Date(now + 2 * 3600_000)],
  );

  const workers: BenchWorker[] = [];
  const BATCH = 5_000;
  for (let from = 0; from < count; from += BATCH) {
    const n = Math.min(BATCH, count - from);
    const workerIds: string[] = [];
    const userIds: string[] = [];
    const usernames: string[] = [];
    const sessionHashes: string[] = [];
    const wClass: string[] = [];
    for (let i = 0; i < n; i++) {
      const k = from + i;
      const c = Math.floor(k / PER_CLASS);
      const { token, id } = newSessionToken();
      const workerId = randomUUID();
      workerIds.push(workerId);
      userIds.push(randomUUID());
      usernames.push(`bench.w${k}`);
      sessionHashes.push(id);
      wClass.push(classIds[c]!);
      workers.push({ id: workerId, cookie: `jineng_session=${token}`, classId: classIds[c]!, sessionId: sessionIds[c]!, next: 'in', lastSlot: { in: -1, out: -1 }, busy: false, unsure: false });
    }
    await raw.transaction(async (tx) => {
      // The ciphertext and blind index are placeholders: a scan never reads them.
      await tx.query(
        `INSERT INTO workers (id, name, gender, birth_date, id_cipher, id_blind, id_masked, unit_code, county_code)
         SELECT w, '学员' || u, 'M', date '1990-01-01', '\\x00'::bytea, 'bench-' || u, '140802********0000', '140802', '140802'
         FROM unnest($1::uuid[], $2::text[]) AS t(w, u)`,
        [workerIds, usernames],
      );
      await tx.query(
        `INSERT INTO enrolments (id, class_id, worker_id, status, subsidised, subsidy_year, outlook, enrolled_at)
         SELECT gen_random_uuid(), c, w, 'active', true, extract(year FROM now())::int, '{}'::jsonb, now() - interval '7 days'
         FROM unnest($1::uuid[], $2::uuid[]) AS t(w, c)`,
        [workerIds, wClass],
      );
      await tx.query(
        `INSERT INTO users (id, username, display_name, role, worker_id, password_hash)
         SELECT u, n, '学员' || n, 'worker', w, 'bench-no-password' FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(u, n, w)`,
        [userIds, usernames, workerIds],
      );
      // As login stores it (src/db/repositories/users.ts insertSession): the id is the SHA-256 of the cookie token.
      await tx.query(
        `INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at, ip, user_agent)
         SELECT s, u, now(), now() + interval '12 hours', now(), '127.0.0.1', 'bench' FROM unnest($1::text[], $2::uuid[]) AS t(s, u)`,
        [sessionHashes, userIds],
      );
    });
  }
  await raw.exec(`CREATE TABLE ${FLOOR_TABLE} (id uuid PRIMARY KEY, token text NOT NULL, at timestamptz NOT NULL, ip text)`);
  await raw.exec('VACUUM ANALYZE');
  return workers;
}

/** Hands out legitimate scans: a free worker, its next kind, the current slot's token, not yet used for that kind. */
class ScanSource {
  private cursor = 0;
  private peekCursor = 0;
  starved = 0;
  private readonly tokens = new Map<string, string>();
  private readonly mac: (data: string) => string;

  constructor(readonly workers: BenchWorker[]) {
    const pii = makePiiCipher(MASTER_KEY);
    this.mac = (data) => pii.tokenMac('attendance-qr', data);
  }

  private token(w: BenchWorker, kind: TokenKind, slot: number): string {
    const key = `${w.sessionId}.${kind}.${slot}`;
    let t = this.tokens.get(key);
    if (!t) {
      if (this.tokens.size > 50_000) this.tokens.clear();
      t = encodeToken({ classId: w.classId, sessionId: w.sessionId, slot, kind }, this.mac);
      this.tokens.set(key, t);
    }
    return t;
  }

  take(): { w: BenchWorker; kind: TokenKind; slot: number; token: string } | null {
    const slot = slotOf(Date.now());
    const n = this.workers.length;
    for (let i = 0; i < n; i++) {
      const w = this.workers[this.cursor]!;
      this.cursor = (this.cursor + 1) % n;
      if (w.busy || w.unsure || w.lastSlot[w.next] >= slot) continue;
      w.busy = true;
      return { w, kind: w.next, slot, token: this.token(w, w.next, slot) };
    }
    this.starved++;
    return null;
  }

  /** A request of the same shape for the floor, spending nothing. */
  peek(): { cookie: string; token: string } {
    const w = this.workers[this.peekCursor]!;
    this.peekCursor = (this.peekCursor + 1) % this.workers.length;
    return { cookie: w.cookie, token: this.token(w, 'in', slotOf(Date.now())) };
  }

  done(w: BenchWorker, kind: TokenKind, slot: number, ok: boolean): void {
    w.busy = false;
    if (!ok) {
      w.unsure = true;
      return;
    }
    w.lastSlot[kind] = slot;
    w.next = kind === 'in' ? 'out' : 'in';
  }

  /** The workers that will be handed out next, in order (for app-warm's priming). */
  upcoming(max: number): BenchWorker[] {
    const out: BenchWorker[] = [];
    for (let i = 0; i < this.workers.length && out.length < max; i++) {
      const w = this.workers[(this.cursor + i) % this.workers.length]!;
      if (!w.busy && !w.unsure) out.push(w);
    }
    return out;
  }

  /** After a run: scans cut off mid-flight (or refused) may or may not be stored; read back what the database has. */
  async reconcile(pool: pg.Pool): Promise<number> {
    for (const w of this.workers)
      if (w.busy) {
        w.busy = false;
        w.unsure = true;
      }
    const unsure = this.workers.filter((w) => w.unsure);
    if (!unsure.length) return 0;
    const { rows } = await pool.query<{ worker_id: string; kind: TokenKind; slot: string; latest: boolean }>(
      `SELECT worker_id, kind, max(slot) AS slot, bool_or(at = (SELECT max(at) FROM attendance_scans b WHERE b.worker_id = a.worker_id)) AS latest
       FROM attendance_scans a WHERE worker_id = ANY($1::uuid[]) GROUP BY worker_id, kind`,
      [unsure.map((w) => w.id)],
    );
    const byId = new Map(unsure.map((w) => [w.id, w]));
    for (const w of unsure) {
      w.lastSlot = { in: -1, out: -1 };
      w.next = 'in';
    }
    for (const r of rows) {
      const w = byId.get(r.worker_id)!;
      w.lastSlot[r.kind] = Number(r.slot);
      if (r.latest) w.next = r.kind === 'in' ? 'out' : 'in';
    }
    for (const w of unsure) w.unsure = false;
    return unsure.length;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Load

type RunResult = {
  target: TargetName;
  rps: number;
  ok: number;
  non2xx: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
  max: number;
  serverCpuPct: number;
  hostCpuPct: number;
  starved: number;
};

function hostCpu(): { busy: number; total: number } {
  const v = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - v[3]! - (v[4] ?? 0), total };
}

const samples: string[] = [];
type Ctx = { scan?: NonNullable<ReturnType<ScanSource['take']>> };

function printProfile(name: string, p: Profile): void {
  const n = Math.max(p.requests, 1);
  const ms = [...p.serverMs].sort((a, b) => a - b);
  const pct = (q: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]! : 0);
  const qs = Object.entries(p.queries)
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([k, q]) => `      ${k.padEnd(32)} ${(q.n / n).toFixed(2)}/req, ${(q.ms / q.n).toFixed(2)} ms each, ${(q.ms / n).toFixed(2)} ms/req`);
  console.log(
    `    profile ${name}: ${p.requests} requests; in the server ${(ms.reduce((a, b) => a + b, 0) / n).toFixed(1)} ms mean, p50 ${pct(0.5).toFixed(1)}, p99 ${pct(0.99).toFixed(1)} ms; ` +
      (p.acquires ? `pool: ${(p.acquires / n).toFixed(2)} connections/req, ${(p.acquireWaitMs / p.acquires).toFixed(2)} ms wait each; ` : '') +
      `event-loop delay p99 ${p.loopDelayP99Ms.toFixed(1)} ms` +
      (qs.length ? `\n${qs.join('\n')}` : ''),
  );
}

/** GET /api/auth/me for each of these workers, as the portal does on opening the scan page (untimed). */
async function prime(child: Child, workers: BenchWorker[]): Promise<{ ok: number; other: number; seconds: number }> {
  let i = 0;
  let ok = 0;
  let other = 0;
  const t0 = performance.now();
  await autocannon({
    url: `http://127.0.0.1:${child.port}`,
    connections: 50,
    amount: workers.length,
    requests: [
      {
        method: 'GET',
        path: '/api/auth/me',
        setupRequest: (req) => ({ ...req, headers: { cookie: workers[i++ % workers.length]!.cookie } }),
        onResponse: (status) => (status === 200 ? ok++ : other++),
      },
    ],
  });
  return { ok, other, seconds: (performance.now() - t0) / 1000 };
}

async function load(name: TargetName, child: Child, source: ScanSource, connections: number, duration: number): Promise<RunResult> {
  const statuses: Record<string, number> = {};
  const starvedBefore = source.starved;
  const scans = child.role === 'app';
  const { cpu: cpu0 } = await child.stats();
  const host0 = hostCpu();
  const result = await autocannon({
    url: `http://127.0.0.1:${child.port}`,
    connections,
    duration,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: scans ? '/api/me/attendance' : '/floor',
        setupRequest: (req, context) => {
          if (!scans) {
            // The same shape of request (cookie, token) without spending the workers' scans.
            const s = source.peek();
            return { ...req, headers: { 'content-type': 'application/json', cookie: s.cookie }, body: JSON.stringify({ token: s.token }) };
          }
          const scan = source.take();
          if (!scan) return { ...req, headers: { 'content-type': 'application/json' }, body: '{"token":"starved"}' };
          (context as Ctx).scan = scan;
          return { ...req, headers: { 'content-type': 'application/json', cookie: scan.w.cookie }, body: JSON.stringify({ token: scan.token }) };
        },
        onResponse: (status, body, context) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          const scan = (context as Ctx).scan;
          if (scan) {
            source.done(scan.w, scan.kind, scan.slot, status === 201);
            (context as Ctx).scan = undefined;
          }
          if (status !== 201 && samples.length < 5) samples.push(`${name} ${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  const host1 = hostCpu();
  const { cpu: cpu1, profile } = await child.stats();
  if (profile) printProfile(name, profile);
  const ok = statuses['201'] ?? 0;
  const seconds = result.duration;
  return {
    target: name,
    rps: ok / seconds,
    ok,
    non2xx: result.non2xx,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    serverCpuPct: (100 * (cpu1.user - cpu0.user + cpu1.system - cpu0.system)) / 1e6 / seconds,
    hostCpuPct: (100 * (host1.busy - host0.busy)) / (host1.total - host0.total),
    starved: source.starved - starvedBefore,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Main

type Args = { workers: number; connections: number; duration: number; runs: number; warmup: number; targets: TargetName[]; keep: boolean; profile: boolean; cpuProf: string | null };

function parseArgs(argv: string[]): Args {
  const a = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    if (!k.startsWith('--')) throw new Error(`unexpected argument ${k}`);
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) a.set(k.slice(2), 'true');
    else a.set(k.slice(2), argv[++i]!);
  }
  const n = (k: string, d: number) => {
    const v = Number(a.get(k) ?? d);
    if (!Number.isFinite(v) || v < 0) throw new Error(`--${k} must be a non-negative number`);
    return v;
  };
  const targets = (a.get('targets') ?? TARGETS.join(',')).split(',') as TargetName[];
  for (const t of targets) if (!TARGETS.includes(t)) throw new Error(`--targets: one or more of ${TARGETS.join(', ')}`);
  return {
    workers: n('workers', 10_000),
    connections: n('connections', 200),
    duration: n('duration', 10),
    runs: n('runs', 5),
    warmup: n('warmup', 3),
    targets,
    keep: a.get('keep') === 'true',
    profile: a.get('profile') === 'true',
    cpuProf: a.get('cpu-prof') ?? null,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load1 = () => os.loadavg()[0]!.toFixed(1);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const serverUrl = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `jineng_bench_checkin_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const pgVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();

  const children: Child[] = [];
  let pool: pg.Pool | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const c of children) await c.stop();
      await pool?.end();
      if (args.keep) return console.log(`kept database ${url}`);
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    })());
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    const database = await openDatabase({ databaseUrl: url, dataDir: os.tmpdir() });
    await migrate(database);
    const t0 = performance.now();
    const workers = await buildFixture(database, args.workers);
    await database.close();
    const cpus = os.cpus();
    console.log(`machine: ${cpus.length} cores (${cpus[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}; load average ${load1()}`);
    console.log(
      `fixture: ${args.workers} workers in ${Math.ceil(args.workers / PER_CLASS)} running classes, one session row each (${((performance.now() - t0) / 1000).toFixed(1)} s)\n` +
        `load: ${args.connections} connections, ${args.duration} s per run, ${args.runs} runs per target (rotating), warm-up ${args.warmup} s; pool ${POOL_MAX} connections per server`,
    );

    pool = new pg.Pool({ connectionString: url, max: 2 });
    const servers = new Map<TargetName, Child>();
    for (const t of args.targets) {
      const c = await Child.start(t === 'floor' ? 'floor' : 'app', url, args.profile, args.cpuProf, t);
      children.push(c);
      servers.set(t, c);
    }
    const source = new ScanSource(workers);
    let warmRps = 0;
    const measure = async (t: TargetName, seconds: number) => {
      const child = servers.get(t)!;
      if (t === 'app-warm') {
        // Prime about as many sessions as the run will use (2.5 × the last run's count): priming and run must fit in the
        // cache's 30 s, or the first sessions primed have expired by the time they scan.
        const count = Math.min(PRIME_MAX, warmRps ? Math.ceil(warmRps * seconds * 2.5) : PRIME_MAX);
        const p = await prime(child, source.upcoming(count));
        const late = p.seconds + seconds > 30 ? ' — LONGER THAN THE 30 s CACHE WINDOW: some scans will miss' : '';
        console.log(`  (app-warm: ${p.ok} sessions resolved through GET /api/auth/me in ${p.seconds.toFixed(1)} s before the run${p.other ? `; ${p.other} answers were not 200` : ''}${late})`);
      }
      const res = await load(t, child, source, args.connections, seconds);
      if (t === 'app-warm' && seconds === args.duration) warmRps = res.rps;
      await sleep(2_000); // let cut-off requests finish in the server before reading back their scans
      await source.reconcile(pool!);
      return res;
    };

    if (args.warmup > 0) for (const t of args.targets) await measure(t, args.warmup);
    samples.length = 0;

    const results: RunResult[] = [];
    for (let r = 0; r < args.runs; r++) {
      const order = args.targets.map((_, i) => args.targets[(i + r) % args.targets.length]!);
      for (const t of order) {
        const res = await measure(t, args.duration);
        results.push(res);
        const other = Object.entries(res.statuses).filter(([s]) => s !== '201').map(([s, n]) => `${s}×${n}`);
        console.log(
          `run ${r + 1} ${t.padEnd(8)} ${res.rps.toFixed(0).padStart(5)} req/s (${res.ok} × 201), p50 ${res.p50} ms, p99 ${res.p99} ms, max ${res.max} ms; ` +
            `non-2xx ${res.non2xx}${other.length ? ` [${other.join(', ')}]` : ''}, errors ${res.errors}, timeouts ${res.timeouts}${res.starved ? `, STARVED ${res.starved}` : ''}; ` +
            `server CPU ${res.serverCpuPct.toFixed(0)}% of a core, host CPU ${res.hostCpuPct.toFixed(0)}%, load average ${load1()}`,
        );
      }
    }
    if (samples.length) console.log('first answers other than 201:\n  ' + samples.join('\n  '));

    const summary = (t: TargetName) => {
      const rs = results.filter((x) => x.target === t);
      return {
        rps: median(rs.map((x) => x.rps)),
        p50: median(rs.map((x) => x.p50)),
        p99: median(rs.map((x) => x.p99)),
        cpu: median(rs.map((x) => x.serverCpuPct)),
        ok: rs.reduce((a, x) => a + x.ok, 0),
        non2xx: rs.reduce((a, x) => a + x.non2xx, 0),
        errors: rs.reduce((a, x) => a + x.errors + x.timeouts, 0),
      };
    };
    if (!results.length) return;
    console.log(`\nmedians over ${args.runs} runs:`);
    const floor = args.targets.includes('floor') ? summary('floor') : null;
    // The ratio within each round (the runs of one round are seconds apart, so they share the machine's mood).
    const roundRatio = (t: TargetName) =>
      median(Array.from({ length: args.runs }, (_, r) => results.filter((x, i) => Math.floor(i / args.targets.length) === r)).map((rs) => rs.find((x) => x.target === t)!.rps / rs.find((x) => x.target === 'floor')!.rps));
    for (const t of args.targets) {
      const s = summary(t);
      const ratio = floor ? s.rps / floor.rps : 0;
      const vs = floor && t !== 'floor' ? `; ${ratio.toFixed(2)} of the floor (median of per-round ratios ${roundRatio(t).toFixed(2)}) — target (≥ 0.50 and p99 < 50 ms) ${ratio >= 0.5 && s.p99 < 50 ? 'met' : 'NOT met'}` : '';
      console.log(
        `  ${t.padEnd(8)} ${s.rps.toFixed(0).padStart(5)} req/s, p50 ${s.p50} ms, p99 ${s.p99} ms, server CPU ${s.cpu.toFixed(0)}% of a core; ` +
          `all runs: ${s.ok} × 201, non-2xx ${s.non2xx}, errors/timeouts ${s.errors}${vs}`,
      );
    }
  } finally {
    await cleanup();
  }
}

if (process.argv[2] === '--serve') {
  await serveChild(process.argv[3] as Role, process.argv[4]!, process.argv[5] === '--profile');
} else {
  await main();
}
