#!/usr/bin/env node
// `npm test`: the whole suite on a fresh machine. Provisions what it needs and cleans up after:
//   1. type-check and lint (npm run check);
//   2. a PostgreSQL server: $DATABASE_URL if given, else the local one on 127.0.0.1:5432, else a
//      throw-away cluster started here with initdb + pg_ctl (installing Debian's postgresql if absent);
//   3. Chromium: /usr/bin/chromium, installing Debian's chromium and fonts-noto-cjk if absent;
//   4. the web build, then Vitest: unit, integration on PGlite and on PostgreSQL, browser tests.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const log = (m) => console.log(`\x1b[36m[test]\x1b[0m ${m}`);
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  return r.status ?? 1;
};
const cleanups = [];
const cleanup = () => {
  while (cleanups.length) {
    try {
      cleanups.pop()();
    } catch (e) {
      console.error(e);
    }
  }
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

async function canConnect(url) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function aptInstall(packages) {
  log(`installing Debian packages: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0) throw new Error('apt-get update failed');
  if (run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env }) !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed`);
}

function findPgBin() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}

async function provisionPostgres() {
  if (process.env.DATABASE_URL) {
    if (!(await canConnect(process.env.DATABASE_URL))) throw new Error(`DATABASE_URL ${process.env.DATABASE_URL} does not answer`);
    log('PostgreSQL: using DATABASE_URL');
    return process.env.DATABASE_URL;
  }
  for (const url of ['postgres://postgres@127.0.0.1:5432/postgres', `postgres://${os.userInfo().username}@127.0.0.1:5432/postgres`]) {
    if (await canConnect(url)) {
      log(`PostgreSQL: using the running server at ${url}`);
      return url;
    }
  }
  let bin = findPgBin();
  if (!bin) {
    aptInstall(['postgresql']);
    bin = findPgBin();
    if (!bin) throw new Error('no PostgreSQL server binaries after installing postgresql');
  }
  // A throw-away cluster: a temporary folder, a free port, trust auth, removed afterwards.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-pg-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    spawnSync('useradd', ['--system', '--no-create-home', 'postgres']); // exists already on most machines
    execFileSync('chown', ['-R', 'postgres', dir]);
  }
  const as = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  const data = path.join(dir, 'data');
  log(`PostgreSQL: no server running; starting a throw-away cluster in ${dir} on port ${port}`);
  let [c, a] = as(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  if (run(c, a, { stdio: 'ignore' }) !== 0) throw new Error('initdb failed');
  [c, a] = as(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  if (run(c, a, { stdio: 'ignore' }) !== 0) throw new Error(`pg_ctl start failed; see ${path.join(dir, 'log')}`);
  cleanups.push(() => {
    const [c2, a2] = as(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop']);
    run(c2, a2, { stdio: 'ignore' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  if (!(await canConnect(url))) throw new Error('the throw-away PostgreSQL does not answer');
  return url;
}

function provisionChromium() {
  const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(exe)) {
    log(`Chromium: ${exe}`);
    return exe;
  }
  aptInstall(['chromium', 'fonts-noto-cjk']);
  if (!fs.existsSync('/usr/bin/chromium')) throw new Error('chromium did not install');
  return '/usr/bin/chromium';
}

let code = 1;
try {
  log('type-check and lint');
  if (run('npm', ['run', '--silent', 'check']) !== 0) throw new Error('npm run check failed');
  const pgUrl = await provisionPostgres();
  const chromium = provisionChromium();
  log('building the web app');
  if (run('npm', ['run', '--silent', 'build:web']) !== 0) throw new Error('web build failed');
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
  const results = path.join(root, 'test-results', 'vitest.json');
  code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)], {
    env: { ...process.env, JINENG_TEST_PG_URL: pgUrl, CHROMIUM_PATH: chromium },
  });
  if (fs.existsSync(results)) {
    const r = JSON.parse(fs.readFileSync(results, 'utf8'));
    console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  }
} catch (e) {
  console.error(`\x1b[31m[test] ${e.message}\x1b[0m`);
  code = 1;
} finally {
  cleanup();
}
process.exit(code);
