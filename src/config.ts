import { reportSettingsFrom, type ReportSettings } from './domain/reports/settings.ts';
import path from 'node:path';
import { trainingSettingsFrom, type TrainingSettings } from './domain/training/settings.ts';

/** Runtime configuration, read once from the environment (README "Configuration"). */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** When set, PostgreSQL through `pg`; otherwise embedded PGlite in `${dataDir}/pglite`. */
  databaseUrl: string | null;
  /** Base64 of 32 bytes; when absent a key is generated into `${dataDir}/master.key` (owner-only). */
  masterKey: string | null;
  logLevel: string;
  /** Session lifetime in hours (sliding). */
  sessionHours: number;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Seed the demo city on an empty database when serving. */
  seedOnEmpty: boolean;
  seed: string;
  /** The platform's public address: the issuer of electronic certificates and the target of their QR codes. */
  publicUrl: string;
  /** OPEN settings of the training rules (src/domain/training/settings.ts). */
  training: TrainingSettings;
  /** OPEN settings of the reports (src/domain/reports/settings.ts). */
  reports: ReportSettings;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : null,
    masterKey: env.JINENG_MASTER_KEY ?? null,
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionHours: Number(env.SESSION_HOURS ?? 12),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    seedOnEmpty: env.JINENG_SEED_ON_EMPTY !== '0',
    seed: env.JINENG_DEMO_SEED ?? 'yuncheng-2020',
    publicUrl: publicUrlOf(env.JINENG_PUBLIC_URL ?? `http://localhost:${Number(env.PORT ?? 3000)}/`),
    training: trainingSettingsFrom(env),
    reports: reportSettingsFrom(env),
  };
}

function publicUrlOf(raw: string): string {
  const url = new URL(raw);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
