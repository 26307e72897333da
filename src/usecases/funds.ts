import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CITY_CODE, scopeOf } from '../domain/auth/permissions.ts';
import { AppError } from '../domain/errors.ts';
import { findReportingUnit } from '../domain/identity/divisions.ts';
import { budgetEntries, reversalEntries } from '../domain/ledger/ledger.ts';
import { writeWorkbook, type XlsxOutput } from '../import/xlsx-write.ts';
import { FUND_SOURCES } from '../domain/reference/catalog.ts';
import { PAYMENT_KIND_NAMES, type PaymentKind } from '../domain/subsidy/rules.ts';
import { disbursementRows, findReversalOf, findTransaction, fundBalances, postTransaction, readTransactions, verifyLedger } from '../db/repositories/ledger.ts';
import type { Clock, Db, RequestContext, Tx } from './context.ts';
import { requireActor, requireCan } from './guards.ts';
import { writeWithAudit } from './tx.ts';

export const BudgetBody = z.strictObject({
  fund: z.enum(FUND_SOURCES.map((f) => f.code) as [string, ...string[]]),
  unitCode: z.string(),
  year: z.number().int().min(2019).max(2100),
  amountFen: z.number().int().positive().max(1e13).describe('The grant, fen'),
  idempotencyKey: z.string().min(8).max(100).describe('A key the client generates once per grant: a retried request grants once'),
  memo: z.string().trim().max(200).optional(),
});

export const fundName = (code: string) => FUND_SOURCES.find((f) => f.code === code)?.name ?? code;
export const unitName = (code: string) => findReportingUnit(code)?.name ?? code;
export const LEDGER_NAMES = { fund: fundName, unit: unitName };

export function requestHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** Fund accounts (§16 分账核算、专款专用): yearly budgets per fund and unit, balances, the ledger. */
export function makeFunds(deps: { db: Db; clock: Clock }) {
  return {
    /** Grants a budget: a balanced ledger transaction (cash debited, appropriation credited). Idempotent by key. */
    async grant(ctx: RequestContext, body: z.infer<typeof BudgetBody>) {
      const actor = requireCan(ctx, 'fund.manage', { unitCode: CITY_CODE });
      if (!findReportingUnit(body.unitCode)) throw new AppError('ORG_UNIT_UNKNOWN', { value: body.unitCode }, 'unitCode');
      const memo = body.memo || `${body.year} 年${fundName(body.fund)}预算（${unitName(body.unitCode)}）`;
      return writeWithAudit(deps, ctx, async (trx: Tx, now) => {
        const posted = await postTransaction(
          trx,
          randomUUID(),
          now,
          {
            kind: 'budget',
            idempotencyKey: `budget:${body.idempotencyKey}`,
            requestHash: requestHash({ fund: body.fund, unit: body.unitCode, year: body.year, amount: body.amountFen }),
            claimId: null,
            reversesTxnId: null,
            memo,
            entries: budgetEntries(body.fund, body.unitCode, body.year, body.amountFen, memo),
            actorId: actor.id,
          },
          LEDGER_NAMES,
        );
        return {
          result: posted,
          audit: { action: 'fund.budget', targetType: 'ledger', targetId: String(posted.seq), summary: { fund: body.fund, unitCode: body.unitCode, year: body.year, amountFen: body.amountFen, replayed: posted.replayed } },
        };
      });
    },

    async balances(ctx: RequestContext, f: { year?: number }) {
      const actor = requireActor(ctx, 'ledger.read');
      const scope = scopeOf(actor);
      const rows = await fundBalances(deps.db, { year: f.year, unitCode: scope.kind === 'unit' ? scope.unitCode : undefined });
      return {
        items: rows.map((r) => ({ ...r, fundName: fundName(r.fund), unitName: unitName(r.unitCode) })),
      };
    },

    async transactions(ctx: RequestContext, f: { fromSeq: number; limit: number }) {
      const actor = requireActor(ctx, 'ledger.read');
      const scope = scopeOf(actor);
      const rows = await readTransactions(deps.db, f.fromSeq, f.limit);
      // A county sees the entries of its own unit only.
      return {
        items: rows
          .map((t) => ({ ...t, entries: scope.kind === 'unit' ? t.entries.filter((e) => e.unitCode === scope.unitCode) : t.entries }))
          .filter((t) => t.entries.length > 0),
      };
    },

    async verify(ctx: RequestContext) {
      requireCan(ctx, 'ledger.read', { unitCode: CITY_CODE });
      return verifyLedger(deps.db);
    },
  };
}

export const ReverseBody = z.strictObject({
  reason: z.string().trim().min(1).max(500).describe('Why: a correction or a clawback (追回)'),
  idempotencyKey: z.string().min(8).max(100),
});
export const ExportQuery = z.strictObject({
  fund: z.enum(FUND_SOURCES.map((f) => f.code) as [string, ...string[]]),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('First day, Asia/Shanghai'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('Last day, inclusive'),
});


/** Corrections and clawbacks: a reversing transaction, never an update (§17). */
export function makeLedgerWrites(deps: { db: Db; clock: Clock }) {
  return {
    async reverse(ctx: RequestContext, seq: number, body: z.infer<typeof ReverseBody>) {
      const actor = requireCan(ctx, 'claim.pay', { unitCode: CITY_CODE });
      return writeWithAudit(deps, ctx, async (trx, now) => {
        const original = await findTransaction(trx, seq);
        if (!original || original.kind !== 'payment') throw new AppError('NOT_FOUND');
        const already = await findReversalOf(trx, original.id);
        if (already && already.idempotency_key !== `reverse:${body.idempotencyKey}`) throw new AppError('LEDGER_ALREADY_REVERSED');
        const memo = `冲销 ${original.voucher}：${body.reason}`;
        const posted = await postTransaction(
          trx,
          randomUUID(),
          now,
          {
            kind: 'reversal',
            idempotencyKey: `reverse:${body.idempotencyKey}`,
            requestHash: requestHash({ seq, reason: body.reason }),
            claimId: original.claimId,
            reversesTxnId: original.id,
            memo,
            entries: reversalEntries(original.entries, memo),
            actorId: actor.id,
          },
          LEDGER_NAMES,
        );
        return { result: posted, audit: { action: 'ledger.reverse', targetType: 'ledger', targetId: String(seq), summary: { voucher: original.voucher, reversal: posted.voucher, reason: body.reason, replayed: posted.replayed } } };
      });
    },

    /** The disbursement ledger of a fund and period as .xlsx, in the layout officials use (masked ID numbers). */
    async exportXlsx(ctx: RequestContext, q: z.infer<typeof ExportQuery>, out: XlsxOutput) {
      const actor = requireActor(ctx, 'ledger.read');
      const scope = scopeOf(actor);
      const from = new Date(`${q.from}T00:00:00+08:00`);
      const to = new Date(Date.parse(`${q.to}T00:00:00+08:00`) + 86_400_000);
      const rows = await disbursementRows(deps.db, { fund: q.fund, from, to, unitCode: scope.kind === 'unit' ? scope.unitCode : undefined });
      const title = `补贴资金发放台账（${fundName(q.fund)}）${q.from} 至 ${q.to}${scope.kind === 'unit' ? `（${unitName(scope.unitCode)}）` : ''}`;
      await writeWorkbook(out, { useSharedStrings: true }, async (wb) => {
        const ws = wb.addWorksheet('发放台账', { views: [{ state: 'frozen', ySplit: 2 }] });
        ws.columns = [
          { width: 6 },
          { width: 18 },
          { width: 12 },
          { width: 14 },
          { width: 30 },
          { width: 14 },
          { width: 22 },
          { width: 40 },
          { width: 22 },
          { width: 14 },
          { width: 28 },
          { width: 20 },
        ];
        const t = ws.addRow([title]);
        t.font = { bold: true, size: 14 };
        ws.mergeCells(1, 1, 1, 12);
        t.alignment = { horizontal: 'center' };
        t.commit();
        const h = ws.addRow(['序号', '凭证号', '日期', '县区', '收款单位/个人', '受益人', '公民身份号码', '培训班', '补贴项目', '金额（元）', '资金来源', '政策依据']);
        h.font = { bold: true };
        h.eachCell((c) => {
          c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
          c.border = { bottom: { style: 'thin' } };
        });
        h.commit();
        let total = 0;
        rows.forEach((r, i) => {
          const fen = Number(r.debit_fen) - Number(r.credit_fen);
          total += fen;
          const row = ws.addRow([
            i + 1,
            r.voucher,
            new Date(new Date(r.at).getTime() + 8 * 3600_000).toISOString().slice(0, 10),
            unitName(r.unit_code),
            r.payee_kind === 'worker' ? (r.payee_worker ?? '') : (r.payee_org ?? ''),
            r.worker_name ?? '',
            r.id_masked ?? '',
            r.class_code ? `${r.class_code} ${r.class_name ?? ''}` : '',
            `${PAYMENT_KIND_NAMES[r.line_kind as PaymentKind]?.name ?? r.line_kind ?? ''}${r.kind === 'reversal' ? '（冲销）' : ''}`,
            fen / 100,
            fundName(q.fund),
            r.clause ?? '',
          ]);
          row.getCell(10).numFmt = '#,##0.00';
          row.commit();
        });
        const sum = ws.addRow(['合计', '', '', '', '', '', '', '', `${rows.length} 笔`, total / 100, '', '']);
        sum.font = { bold: true };
        sum.getCell(10).numFmt = '#,##0.00';
        sum.commit();
        ws.commit();
      });
      return { fileName: `${title}.xlsx`, rows: rows.length, totalFen: rows.reduce((s, r) => s + Number(r.debit_fen) - Number(r.credit_fen), 0) };
    },
  };
}
