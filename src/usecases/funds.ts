import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CITY_CODE, scopeOf } from '../domain/auth/permissions.ts';
import { AppError } from '../domain/errors.ts';
import { findReportingUnit } from '../domain/identity/divisions.ts';
import { budgetEntries } from '../domain/ledger/ledger.ts';
import { FUND_SOURCES } from '../domain/reference/catalog.ts';
import { fundBalances, postTransaction, readTransactions, verifyLedger } from '../db/repositories/ledger.ts';
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
