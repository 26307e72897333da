import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceProblems, budgetEntries, cashNeeded, firstLedgerProblem, GENESIS_HASH, ledgerChainInput, paymentEntries, reversalEntries, type LedgerTxn } from './ledger.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function chain(txns: Omit<LedgerTxn, 'seq'>[]) {
  let prev = GENESIS_HASH;
  return txns.map((t, i) => {
    const body = { ...t, seq: i + 1 };
    const hash = sha(ledgerChainInput(prev, body));
    const row = { ...body, prevHash: prev, hash };
    prev = hash;
    return row;
  });
}

const line = (id: string, fund: string, amountFen: number) => ({ claimLineId: id, fund, amountFen, payeeKind: 'organisation' as const, payeeId: 'org-1', memo: 'x' });

describe('the double-entry subsidy ledger', () => {
  it('balances a payment within every fund it touches', () => {
    const entries = paymentEntries([line('a', 'skills_account', 100_000), line('b', 'employment_subsidy', 9_000), line('c', 'skills_account', 30_000)], '140802', 2020);
    expect(balanceProblems(entries)).toEqual([]);
    expect([...cashNeeded(entries).values()]).toEqual([
      { fund: 'skills_account', unitCode: '140802', year: 2020, amountFen: 130_000 },
      { fund: 'employment_subsidy', unitCode: '140802', year: 2020, amountFen: 9_000 },
    ]);
    expect(balanceProblems(reversalEntries(entries, 'clawback'))).toEqual([]);
  });
  it('refuses entries that move money between funds, or are not integer fen', () => {
    expect(balanceProblems([
      { account: 'expense:skills_account:140802:2020', fund: 'skills_account', unitCode: '140802', year: 2020, debitFen: 100, creditFen: 0 },
      { account: 'cash:employment_subsidy:140802:2020', fund: 'employment_subsidy', unitCode: '140802', year: 2020, debitFen: 0, creditFen: 100 },
    ])).toHaveLength(2);
    expect(balanceProblems(budgetEntries('skills_account', '140802', 2020, 1.5, 'x')).join()).toMatch(/integer fen/);
  });
  it('property: any payment and its reversal balance, and together cancel out account by account', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ fund: fc.constantFrom('skills_account', 'employment_subsidy', 'local_talent'), amount: fc.integer({ min: 1, max: 10_000_000 }) }), { minLength: 1, maxLength: 20 }), (ls) => {
        const entries = paymentEntries(ls.map((l, i) => line(`l${i}`, l.fund, l.amount)), '140821', 2020);
        const both = [...entries, ...reversalEntries(entries, 'r')];
        const net = new Map<string, number>();
        for (const e of both) net.set(e.account, (net.get(e.account) ?? 0) + e.debitFen - e.creditFen);
        return balanceProblems(entries).length === 0 && [...net.values()].every((v) => v === 0);
      }),
    );
  });
  it('verifies the hash chain and names the first edited, missing or unbalanced transaction', () => {
    const base = { at: '2020-08-01T02:00:00.000Z', claimId: 'c1', reversesTxnId: null, voucher: 'V1', memo: 'm' };
    const rows = chain([
      { ...base, id: 't1', kind: 'budget', idempotencyKey: 'k1', entries: budgetEntries('skills_account', '140802', 2020, 1_000_000, 'b') },
      { ...base, id: 't2', kind: 'payment', idempotencyKey: 'k2', entries: paymentEntries([line('a', 'skills_account', 100_000)], '140802', 2020) },
      { ...base, id: 't3', kind: 'payment', idempotencyKey: 'k3', entries: paymentEntries([line('b', 'skills_account', 5_000)], '140802', 2020) },
    ]);
    expect(firstLedgerProblem(rows, sha)).toBeNull();
    const edited = rows.map((r) => (r.seq === 2 ? { ...r, entries: r.entries.map((e) => ({ ...e, debitFen: e.debitFen && 1, creditFen: e.creditFen && 1 })) } : r));
    expect(firstLedgerProblem(edited, sha)).toEqual({ seq: 2, kind: 'hash' });
    expect(firstLedgerProblem([rows[0]!, rows[2]!], sha)).toEqual({ seq: 3, kind: 'gap', expected: 2 });
  });
});
