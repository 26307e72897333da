import type { UserWithNames } from '../../db/repositories/users.ts';

/**
 * A short-lived in-process cache of resolved sessions, so that most requests are authenticated
 * without a database read (on PGlite, a long import holds the only connection; on PostgreSQL it
 * spares a query per request). Anything that ends sessions in this process forgets them here at
 * once; another process (the CLI, a second server) is seen within `ttlMs`.
 */
export class SessionCache {
  private readonly entries = new Map<string, { user: UserWithNames; expiresAtMs: number; cachedAtMs: number }>();
  constructor(private readonly ttlMs = 30_000, private readonly maxEntries = 200_000) {}

  get(sessionId: string, nowMs: number): UserWithNames | null {
    const e = this.entries.get(sessionId);
    if (!e) return null;
    if (nowMs - e.cachedAtMs > this.ttlMs || nowMs >= e.expiresAtMs) {
      this.entries.delete(sessionId);
      return null;
    }
    return e.user;
  }

  put(sessionId: string, user: UserWithNames, expiresAtMs: number, nowMs: number): void {
    // The Map keeps insertion order: re-inserting moves an entry to the end, and a full cache drops the oldest
    // entry only (a morning rush of check-ins must not empty it for everyone).
    this.entries.delete(sessionId);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(sessionId, { user, expiresAtMs, cachedAtMs: nowMs });
  }

  forgetSession(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  /** Every cached session of a user (disabled, password changed or reset). */
  forgetUser(userId: string, keepSessionId?: string): void {
    for (const [id, e] of this.entries) if (e.user.id === userId && id !== keepSessionId) this.entries.delete(id);
  }
}
