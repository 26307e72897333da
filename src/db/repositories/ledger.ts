import { sql } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import { balanceProblems, cashNeeded, firstLedgerProblem, GENESIS_HASH, ledgerChainInput, type Entry, type LedgerProblem, type LedgerTxn, type TxnKind } from '../../domain/ledger/ledger.ts';
import type { Db, Tx } from '../../usecases/context.ts';
import { sha256Hex } from './audit.ts';

/** Every ledger writer serialises on this lock for the rest of its transaction: the chain order is the commit order. */
const LEDGER_LOCK = 0x6c656467;

export type PostInput = {
  kind: TxnKind;
  idempotencyKey: string;
  /** A digest of what was asked: the same key with a different request is refused. */
  requestHash: string;
  claimId: string | null;
  reversesTxnId: string | null;
  memo: string;
  entries: Entry[];
  actorId: string | null;
};

export type Posted = { seq: number; id: string; voucher: string; replayed: boolean };

/**
 * Appends one balanced transaction to the chain, inside the caller's transaction. Idempotent: a key seen
 * before with the same request answers the earlier transaction (replayed: true) and writes nothing.
 * A payment that would take any fund's cash for a unit and year below zero is refused (FUND_BUDGET_EXCEEDED).
 */
export async function postTransaction(trx: Tx, id: string, at: Date, input: PostInput, names: { fund: (code: string) => string; unit: (code: string) => string }): Promise<Posted> {
  await sql`SELECT pg_advisory_xact_lock(${LEDGER_LOCK})`.execute(trx);
  const seen = await transactionByIdempotencyKey(trx, input.idempotencyKey);
  if (seen) {
    if (seen.request_hash !== input.requestHash) throw new AppError('LEDGER_IDEMPOTENCY_CONFLICT', { key: input.idempotencyKey });
    return { seq: seen.seq, id: seen.id, voucher: seen.voucher, replayed: true };
  }
  const problems = balanceProblems(input.entries);
  if (problems.length) throw new AppError('LEDGER_UNBALANCED', { detail: problems.join('; ') });
  if (input.kind === 'payment') {
    for (const [account, need] of cashNeeded(input.entries)) {
      const bal = await trx
        .selectFrom('ledger_entries')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(sql<number>`debit_fen - credit_fen`), sql<number>`0`).as('balance'))
        .where('account', '=', account)
        .executeTakeFirstOrThrow();
      const available = Number(bal.balance);
      if (available < need.amountFen)
        throw new AppError('FUND_BUDGET_EXCEEDED', {
          fund: names.fund(need.fund),
          unit: names.unit(need.unitCode),
          year: need.year,
          availableYuan: (available / 100).toFixed(2),
          amountYuan: (need.amountFen / 100).toFixed(2),
        });
    }
  }
  const last = await trx.selectFrom('ledger_transactions').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const voucher = `PZ${at.getUTCFullYear()}${String(seq).padStart(8, '0')}`;
  const txn: LedgerTxn = {
    seq,
    id,
    kind: input.kind,
    at: at.toISOString(),
    idempotencyKey: input.idempotencyKey,
    claimId: input.claimId,
    reversesTxnId: input.reversesTxnId,
    voucher,
    memo: input.memo,
    entries: input.entries,
  };
  await trx
    .insertInto('ledger_transactions')
    .values({
      seq,
      id,
      kind: input.kind,
      at,
      idempotency_key: input.idempotencyKey,
      request_hash: input.requestHash,
      claim_id: input.claimId,
      reverses_txn_id: input.reversesTxnId,
      voucher,
      memo: input.memo,
      actor_id: input.actorId,
      prev_hash: prevHash,
      hash: sha256Hex(ledgerChainInput(prevHash, txn)),
    })
    .execute();
  await trx
    .insertInto('ledger_entries')
    .values(
      input.entries.map((e, i) => ({
        txn_seq: seq,
        line_no: i + 1,
        account: e.account,
        fund: e.fund,
        unit_code: e.unitCode,
        year: e.year,
        debit_fen: e.debitFen,
        credit_fen: e.creditFen,
        claim_line_id: e.claimLineId ?? null,
        payee_kind: e.payeeKind ?? null,
        payee_id: e.payeeId ?? null,
        memo: e.memo ?? null,
      })),
    )
    .execute();
  return { seq, id, voucher, replayed: false };
}

/** The transaction posted under an idempotency key, if any (the claim it paid, the digest of what was asked). */
export async function transactionByIdempotencyKey(
  db: Db | Tx,
  key: string,
): Promise<{ seq: number; id: string; voucher: string; claim_id: string | null; request_hash: string } | undefined> {
  return db.selectFrom('ledger_transactions').select(['seq', 'id', 'voucher', 'claim_id', 'request_hash']).where('idempotency_key', '=', key).executeTakeFirst();
}

/** The transaction that reverses the one with this id, if any. */
export async function findReversalOf(db: Db | Tx, txnId: string): Promise<{ seq: number; idempotency_key: string } | undefined> {
  return db.selectFrom('ledger_transactions').select(['seq', 'idempotency_key']).where('reverses_txn_id', '=', txnId).executeTakeFirst();
}

/** Reads transactions with their entries, in seq order, from `fromSeq`. */
export async function readTransactions(db: Db | Tx, fromSeq: number, limit: number) {
  const txns = await db.selectFrom('ledger_transactions').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute();
  if (txns.length === 0) return [];
  const entries = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('txn_seq', '>=', txns[0]!.seq)
    .where('txn_seq', '<=', txns[txns.length - 1]!.seq)
    .orderBy('txn_seq')
    .orderBy('line_no')
    .execute();
  const bySeq = new Map<number, typeof entries>();
  for (const e of entries) bySeq.set(e.txn_seq, [...(bySeq.get(e.txn_seq) ?? []), e]);
  return txns.map((t) => ({
    seq: t.seq,
    id: t.id,
    kind: t.kind,
    at: new Date(t.at).toISOString(),
    idempotencyKey: t.idempotency_key,
    claimId: t.claim_id,
    reversesTxnId: t.reverses_txn_id,
    voucher: t.voucher,
    memo: t.memo,
    prevHash: t.prev_hash,
    hash: t.hash,
    entries: (bySeq.get(t.seq) ?? []).map((e) => ({
      account: e.account,
      fund: e.fund,
      unitCode: e.unit_code,
      year: e.year,
      debitFen: e.debit_fen,
      creditFen: e.credit_fen,
      claimLineId: e.claim_line_id,
      payeeKind: e.payee_kind as 'organisation' | 'worker' | null,
      payeeId: e.payee_id,
      memo: e.memo,
    })),
  }));
}

export type LedgerVerification = { ok: true; transactions: number; lastSeq: number } | { ok: false; transactions: number; problem: LedgerProblem };

/** Walks the whole chain in pages: every transaction balances, every hash and link holds, no seq is missing. */
export async function verifyLedger(db: Db, pageSize = 2000): Promise<LedgerVerification> {
  let start = { seq: 1, prevHash: GENESIS_HASH };
  let count = 0;
  for (;;) {
    const page = await readTransactions(db, start.seq, pageSize);
    if (page.length === 0) break;
    const problem = firstLedgerProblem(page, sha256Hex, start);
    if (problem) return { ok: false, transactions: count, problem };
    count += page.length;
    const last = page[page.length - 1]!;
    start = { seq: last.seq + 1, prevHash: last.hash };
    if (page.length < pageSize) break;
  }
  // A row past the end with a gap would not be read by seq order from start.seq: check the maximum too.
  const max = await db.selectFrom('ledger_transactions').select((eb) => eb.fn.max<number | null>('seq').as('m')).executeTakeFirst();
  if ((max?.m ?? 0) !== count) return { ok: false, transactions: count, problem: { seq: count + 1, kind: 'gap', expected: count + 1 } };
  return { ok: true, transactions: count, lastSeq: count };
}

/** Per fund, unit and year: granted, paid (net of reversals) and available. */
export async function fundBalances(db: Db, f: { year?: number; unitCode?: string }) {
  let q = db
    .selectFrom('ledger_entries')
    .select([
      'fund',
      'unit_code',
      'year',
      sql<number>`COALESCE(SUM(CASE WHEN account LIKE 'appropriation:%' THEN credit_fen - debit_fen ELSE 0 END), 0)`.as('granted'),
      sql<number>`COALESCE(SUM(CASE WHEN account LIKE 'expense:%' THEN debit_fen - credit_fen ELSE 0 END), 0)`.as('paid'),
      sql<number>`COALESCE(SUM(CASE WHEN account LIKE 'cash:%' THEN debit_fen - credit_fen ELSE 0 END), 0)`.as('available'),
    ])
    .groupBy(['fund', 'unit_code', 'year'])
    .orderBy('year', 'desc')
    .orderBy('unit_code')
    .orderBy('fund');
  if (f.year) q = q.where('year', '=', f.year);
  if (f.unitCode) q = q.where('unit_code', '=', f.unitCode);
  return (await q.execute()).map((r) => ({ fund: r.fund, unitCode: r.unit_code, year: r.year, granted: Number(r.granted), paid: Number(r.paid), available: Number(r.available) }));
}

/** The disbursement ledger rows of a fund and period: each expense entry with its payee, person, class and voucher. */
export async function disbursementRows(db: Db, f: { fund: string; from: Date; to: Date; unitCode?: string }) {
  let q = db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transactions as t', 't.seq', 'e.txn_seq')
    .leftJoin('claim_lines as l', 'l.id', 'e.claim_line_id')
    .leftJoin('workers as w', 'w.id', 'l.worker_id')
    .leftJoin('subsidy_claims as k', 'k.id', 't.claim_id')
    .leftJoin('training_classes as c', 'c.id', 'k.class_id')
    .leftJoin('organisations as po', 'po.id', 'e.payee_id')
    .leftJoin('workers as pw', 'pw.id', 'e.payee_id')
    .select([
      't.seq',
      't.voucher',
      't.kind',
      't.at',
      'e.unit_code',
      'e.debit_fen',
      'e.credit_fen',
      'e.payee_kind',
      'po.name as payee_org',
      'pw.name as payee_worker',
      'w.name as worker_name',
      'w.id_masked',
      'c.code as class_code',
      'c.name as class_name',
      'l.kind as line_kind',
      'l.clause',
    ])
    .where('e.fund', '=', f.fund)
    .where('e.account', 'like', 'expense:%')
    .where('t.at', '>=', f.from)
    .where('t.at', '<', f.to);
  if (f.unitCode) q = q.where('e.unit_code', '=', f.unitCode);
  return q.orderBy('t.seq').orderBy('e.line_no').execute();
}

export async function findTransaction(db: Db | Tx, seq: number) {
  const [t] = await readTransactions(db, seq, 1);
  return t && t.seq === seq ? t : undefined;
}
