/**
 * The subsidy ledger (补贴资金发放台账, §16 分账核算、专款专用, §17): double-entry, append-only, hash-chained.
 *
 * Accounts, per fund, reporting unit and year (each fund is its own set of books — a transaction balances
 * within every fund it touches, so money never moves between funds):
 *   cash:<fund>:<unit>:<year>           the budget still available (debit balance)
 *   appropriation:<fund>:<unit>:<year>  the budget granted (credit balance)
 *   expense:<fund>:<unit>:<year>        subsidies paid (debit balance)
 * A budget grant debits cash and credits appropriation; a payment debits expense and credits cash, one entry
 * pair per claim line (payee and line on the entry); a reversal (correction, clawback) mirrors the entries of
 * the transaction it reverses. Nothing is ever updated or deleted.
 *
 * Pure: the hash function is injected, as in the audit chain (ADR 0004).
 */
import { canonicalJson, GENESIS_HASH } from '../audit/chain.ts';

export { GENESIS_HASH };

export type TxnKind = 'budget' | 'payment' | 'reversal';

export type Entry = {
  account: string;
  fund: string;
  unitCode: string;
  year: number;
  debitFen: number;
  creditFen: number;
  claimLineId?: string | null;
  payeeKind?: 'organisation' | 'worker' | null;
  payeeId?: string | null;
  memo?: string | null;
};

export type LedgerTxn = {
  seq: number;
  id: string;
  kind: TxnKind;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  idempotencyKey: string;
  claimId: string | null;
  reversesTxnId: string | null;
  voucher: string;
  memo: string;
  entries: Entry[];
};

export const cashAccount = (fund: string, unit: string, year: number) => `cash:${fund}:${unit}:${year}`;
export const appropriationAccount = (fund: string, unit: string, year: number) => `appropriation:${fund}:${unit}:${year}`;
export const expenseAccount = (fund: string, unit: string, year: number) => `expense:${fund}:${unit}:${year}`;

function isFen(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** Problems of a transaction's entries: amounts are non-negative integer fen, one side each, and every fund balances. */
export function balanceProblems(entries: readonly Entry[]): string[] {
  const out: string[] = [];
  if (entries.length < 2) out.push('a transaction has at least two entries');
  const byFund = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!isFen(e.debitFen) || !isFen(e.creditFen)) out.push(`entry ${i + 1}: amounts must be non-negative integer fen`);
    if ((e.debitFen > 0) === (e.creditFen > 0)) out.push(`entry ${i + 1}: exactly one of debit and credit is positive`);
    byFund.set(e.fund, (byFund.get(e.fund) ?? 0) + e.debitFen - e.creditFen);
  });
  for (const [fund, diff] of byFund) if (diff !== 0) out.push(`fund ${fund}: debits and credits differ by ${diff} fen`);
  return out;
}

export type PayableLine = { claimLineId: string; fund: string; amountFen: number; payeeKind: 'organisation' | 'worker'; payeeId: string; memo: string };

/** The entries paying a claim's lines from their funds, for the class's unit and subsidy year. */
export function paymentEntries(lines: readonly PayableLine[], unitCode: string, year: number): Entry[] {
  return lines
    .filter((l) => l.amountFen > 0)
    .flatMap((l) => [
      { account: expenseAccount(l.fund, unitCode, year), fund: l.fund, unitCode, year, debitFen: l.amountFen, creditFen: 0, claimLineId: l.claimLineId, payeeKind: l.payeeKind, payeeId: l.payeeId, memo: l.memo },
      { account: cashAccount(l.fund, unitCode, year), fund: l.fund, unitCode, year, debitFen: 0, creditFen: l.amountFen, claimLineId: l.claimLineId, payeeKind: l.payeeKind, payeeId: l.payeeId, memo: l.memo },
    ]);
}

/** A budget grant of `amountFen` to a fund for a unit and year. */
export function budgetEntries(fund: string, unitCode: string, year: number, amountFen: number, memo: string): Entry[] {
  return [
    { account: cashAccount(fund, unitCode, year), fund, unitCode, year, debitFen: amountFen, creditFen: 0, memo },
    { account: appropriationAccount(fund, unitCode, year), fund, unitCode, year, debitFen: 0, creditFen: amountFen, memo },
  ];
}

/** The mirror of a transaction: every entry with debit and credit swapped. */
export function reversalEntries(original: readonly Entry[], memo: string): Entry[] {
  return original.map((e) => ({ ...e, debitFen: e.creditFen, creditFen: e.debitFen, memo }));
}

/** Per (fund, unit, year): what a payment of these lines takes from cash. */
export function cashNeeded(entries: readonly Entry[]): Map<string, { fund: string; unitCode: string; year: number; amountFen: number }> {
  const out = new Map<string, { fund: string; unitCode: string; year: number; amountFen: number }>();
  for (const e of entries) {
    if (!e.account.startsWith('cash:') || e.creditFen === 0) continue;
    const cur = out.get(e.account) ?? { fund: e.fund, unitCode: e.unitCode, year: e.year, amountFen: 0 };
    cur.amountFen += e.creditFen;
    out.set(e.account, cur);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The hash chain

export function ledgerChainInput(prevHash: string, t: LedgerTxn): string {
  return `${prevHash}\n${canonicalJson({ ...t, entries: t.entries.map((e) => ({ ...e, claimLineId: e.claimLineId ?? null, payeeKind: e.payeeKind ?? null, payeeId: e.payeeId ?? null, memo: e.memo ?? null })) })}`;
}

export type LedgerProblem =
  | { seq: number; kind: 'gap'; expected: number }
  | { seq: number; kind: 'prev_hash' }
  | { seq: number; kind: 'hash' }
  | { seq: number; kind: 'unbalanced'; detail: string };

/**
 * The first problem of a run of transactions (in seq order) with their stored hashes: a missing seq, a broken
 * link, an edited transaction (hash mismatch) or an unbalanced one. `prevHash` is the hash before the first.
 */
export function firstLedgerProblem(
  txns: readonly (LedgerTxn & { prevHash: string; hash: string })[],
  sha256: (s: string) => string,
  start: { seq: number; prevHash: string } = { seq: 1, prevHash: GENESIS_HASH },
): LedgerProblem | null {
  let expectSeq = start.seq;
  let prev = start.prevHash;
  for (const t of txns) {
    if (t.seq !== expectSeq) return { seq: t.seq, kind: 'gap', expected: expectSeq };
    if (t.prevHash !== prev) return { seq: t.seq, kind: 'prev_hash' };
    const { prevHash: _p, hash, ...body } = t;
    if (sha256(ledgerChainInput(prev, body)) !== hash) return { seq: t.seq, kind: 'hash' };
    const problems = balanceProblems(t.entries);
    if (problems.length) return { seq: t.seq, kind: 'unbalanced', detail: problems.join('; ') };
    prev = hash;
    expectSeq++;
  }
  return null;
}
