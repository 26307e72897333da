import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { makePiiCipher } from '../../src/security/pii.ts';
import { systemClock } from '../../src/usecases/context.ts';
import { openTestDatabase, testDbKind } from '../support/db.ts';

describe(`graceful shutdown on ${testDbKind()}`, () => {
  it('finishes a request in flight when the server closes, and takes no new ones', async () => {
    const database = await openTestDatabase();
    const app = await buildApp({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'jineng-test-')),
    db: database.db,
      clock: systemClock,
      pii: makePiiCipher(randomBytes(32)),
      sessionHours: 1,
      secureCookies: false,
      readiness: () => ({ ready: true, phase: 'ready', seeding: null }),
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    app.get('/slow', async () => {
      entered();
      await gate;
      return { done: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
    await inside;
    const closing = app.close();
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closing;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await database.dispose();
  });
});
