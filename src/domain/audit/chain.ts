/**
 * The audit chain (ADR 0004). Each row's hash = SHA-256(prev_hash + "\n" + canonical(row)), where
 * canonical() is JSON with object keys sorted at every depth. The genesis prev_hash is 64 zeros.
 * The hash function is injected (src/domain is pure).
 */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditRecord = {
  seq: number;
  at: string; // ISO-8601 with milliseconds, UTC
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: unknown;
  requestId: string | null;
};

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainInput(prevHash: string, r: AuditRecord): string {
  return `${prevHash}\n${canonicalJson(r)}`;
}

export type ChainProblem =
  | { kind: 'gap'; seq: number; expectedSeq: number }
  | { kind: 'prev_hash'; seq: number }
  | { kind: 'hash'; seq: number };

/**
 * Check rows in seq order against the chain. Returns the first problem, or null. `rows` may be a
 * page of a longer chain: pass the previous page's last seq and hash.
 */
export function firstChainProblem(
  rows: readonly (AuditRecord & { prevHash: string; hash: string })[],
  hash: (input: string) => string,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainProblem | null {
  let prev = start;
  for (const row of rows) {
    if (row.seq !== prev.seq + 1) return { kind: 'gap', seq: row.seq, expectedSeq: prev.seq + 1 };
    if (row.prevHash !== prev.hash) return { kind: 'prev_hash', seq: row.seq };
    const { prevHash: _p, hash: stored, ...record } = row;
    if (hash(chainInput(row.prevHash, record)) !== stored) return { kind: 'hash', seq: row.seq };
    prev = { seq: row.seq, hash: stored };
  }
  return null;
}
