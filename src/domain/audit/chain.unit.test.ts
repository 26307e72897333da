import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainInput, firstChainProblem, GENESIS_HASH, type AuditRecord } from './chain.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function chain(records: AuditRecord[]) {
  let prev = GENESIS_HASH;
  return records.map((r) => {
    const hash = sha(chainInput(prev, r));
    const row = { ...r, prevHash: prev, hash };
    prev = hash;
    return row;
  });
}
const rec = (seq: number, action = 'x'): AuditRecord => ({
  seq,
  at: new Date(Date.UTC(2020, 0, seq)).toISOString(),
  actorId: null,
  actorUsername: 'city',
  actorRole: 'city_office',
  action,
  targetType: null,
  targetId: String(seq),
  summary: { n: seq },
  requestId: null,
});

describe('audit chain', () => {
  it('canonical JSON sorts keys at every depth and is independent of insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: '中' } })).toBe('{"a":{"c":"中","d":[1,{"y":2,"z":1}]},"b":1}');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
      }),
    );
  });

  it('accepts an intact chain and names the first edited, deleted or reordered row', () => {
    const rows = chain([1, 2, 3, 4, 5].map((s) => rec(s)));
    expect(firstChainProblem(rows, sha)).toBeNull();
    const edited = rows.map((r) => (r.seq === 3 ? { ...r, action: 'changed' } : r));
    expect(firstChainProblem(edited, sha)).toEqual({ kind: 'hash', seq: 3 });
    expect(firstChainProblem(rows.filter((r) => r.seq !== 2), sha)).toEqual({ kind: 'gap', seq: 3, expectedSeq: 2 });
    const swapped = [rows[0]!, { ...rows[2]!, seq: 2 }, { ...rows[1]!, seq: 3 }, rows[3]!, rows[4]!];
    expect(firstChainProblem(swapped, sha)).toEqual({ kind: 'prev_hash', seq: 2 });
  });

  it('detects any single-row edit of any field', () => {
    const rows = chain([1, 2, 3, 4, 5, 6].map((s) => rec(s)));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.constantFrom('action', 'actorUsername', 'targetId', 'at'), fc.string({ minLength: 1 }), (i, field, value) => {
        const original = rows[i]![field as keyof AuditRecord];
        fc.pre(original !== value);
        const tampered = rows.map((r, k) => (k === i ? { ...r, [field]: value } : r));
        expect(firstChainProblem(tampered, sha)).toEqual({ kind: 'hash', seq: i + 1 });
      }),
    );
  });
});
