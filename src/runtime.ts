import { analyticsRefreshDue } from './domain/reports/settings.ts';
import { makeAnalytics } from './usecases/analytics.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { isSeeded, seedDemo, type DemoAccount } from './db/seed/demo.ts';
import { buildApp, type App } from './http/app.ts';
import type { Readiness } from './http/routes/system.ts';
import { loadMasterKey, makePiiCipher, type PiiCipher } from './security/pii.ts';
import { systemClock, type Clock } from './usecases/context.ts';
import { makeSigningKeys } from './usecases/signingKeys.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The built web client; JINENG_WEB_DIST points elsewhere (parallel browser-test builds). */
export const WEB_DIST = process.env.JINENG_WEB_DIST ? path.resolve(process.env.JINENG_WEB_DIST) : path.join(ROOT, 'web', 'dist');

export type Platform = { database: Database; pii: PiiCipher; clock: Clock };

/** Open the database named by the configuration and migrate it. */
export async function openPlatform(config: Config, log: (m: string) => void = () => {}): Promise<Platform> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database, log);
  const pii = makePiiCipher(loadMasterKey(config.masterKey, config.dataDir));
  return { database, pii, clock: systemClock };
}

export function formatAccounts(accounts: DemoAccount[]): string {
  const w = Math.max(...accounts.map((a) => a.username.length));
  const lines = accounts.map((a) => `  ${a.username.padEnd(w)}  ${a.password}  ${a.role.padEnd(13)}  ${a.scope}`);
  return [
    '演示账号（仅首次启动时显示，请妥善保存） / Demo accounts (shown on first start only — keep them):',
    ...lines,
    '忘记密码 / Lost one:  npx jineng user reset-password <username>',
  ].join('\n');
}

/**
 * Serve: listen at once (the sign-in page shows seeding progress), seed the demo city in the
 * background when the database is empty, answer /readyz 200 once everything is done, and shut down
 * gracefully on SIGINT/SIGTERM, letting in-flight requests finish.
 */
export async function serve(config: Config): Promise<{ app: App; platform: Platform; done: Promise<void> }> {
  const state: Readiness = { ready: false, phase: 'migrating', seeding: null };
  const platform = await openPlatform(config, (m) => console.log(`[migrate] ${m}`));
  const { database, pii, clock } = platform;
  state.phase = 'checking demo data';
  const app = await buildApp(
    {
      dataDir: config.dataDir,
      db: database.db,
      clock,
      pii,
      sessionHours: config.sessionHours,
      secureCookies: config.secureCookies,
      readiness: () => state,
      publicUrl: config.publicUrl,
      training: config.training,
      reports: config.reports,
    },
    { logger: { level: config.logLevel }, webDist: WEB_DIST, quietRoutes: true },
  );

  // The nightly rebuild of the reports' analytics table (ADR 0011), when records changed since the last build.
  let lastTriedDay: string | null = null;
  const analytics = makeAnalytics({ db: database.db, clock, reports: config.reports });
  const refreshTimer = setInterval(() => {
    const { due, day } = analyticsRefreshDue(clock.now().getTime(), config.reports.analyticsRefreshHour, lastTriedDay);
    if (!due || !state.ready) return;
    lastTriedDay = day;
    void (async () => {
      if ((await analytics.status()).fresh) return;
      const r = await analytics.refresh();
      app.log.info({ build: r.id, rows: r.rows, enrolments: r.enrolments }, 'analytics table refreshed');
    })().catch((err: unknown) => app.log.error({ err }, 'analytics refresh failed'));
  }, 5 * 60_000);
  refreshTimer.unref();

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    clearInterval(refreshTimer);
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  // The certificate-signing key exists from the first start, so the JWKS is never empty.
  await makeSigningKeys({ db: database.db, clock, pii }).active();
  await app.listen({ port: config.port, host: config.host });
  console.log(`Jineng 技能 listening on http://localhost:${config.port}  (database: ${database.kind}${config.databaseUrl ? '' : `, ${config.dataDir}`})`);

  const done = (async () => {
    if (!config.seedOnEmpty || (await isSeeded(database.db))) {
      state.ready = true;
      state.phase = 'ready';
      return;
    }
    let lastPrinted = 0;
    await seedDemo(
      { db: database.db, clock, pii },
      {
        scale: 'city',
        seed: config.seed,
        publicUrl: config.publicUrl,
        onAccounts: (accounts) => console.log('\n' + formatAccounts(accounts) + '\n'),
        onProgress: (phase, doneCount, total) => {
          state.phase = `seeding ${phase}`;
          state.seeding = { phase, done: doneCount, total };
          if (doneCount - lastPrinted >= 20_000 || doneCount === total) {
            lastPrinted = doneCount;
            console.log(`[seed] ${phase} ${doneCount}/${total}`);
          }
        },
      },
    );
    state.seeding = null;
    state.ready = true;
    state.phase = 'ready';
    console.log('[seed] demo data ready — /readyz answers 200');
  })().catch((err) => {
    state.phase = 'seeding failed';
    app.log.error({ err }, 'demo seeding failed');
  });
  return { app, platform, done };
}
