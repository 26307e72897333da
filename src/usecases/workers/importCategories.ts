import { scopeOf } from '../../domain/auth/permissions.ts';
import { CATEGORY_LIST_COLUMNS, validateCategoryRow } from '../../domain/registry/categoryRow.ts';
import { createCategoryStaging, settleCategoryRows, stageCategoryRows, type StagedCategoryRow } from '../../db/repositories/categoryImport.ts';
import type { PiiCipher } from '../../security/pii.ts';
import type { Clock, Db, RequestContext } from '../context.ts';
import { runImport, zh, type ImportInput, type ImportPlan, type ImportResult } from '../imports/runImport.ts';

export const CATEGORY_LIST_HEADERS = CATEGORY_LIST_COLUMNS.map((c) => c.header);

/**
 * Import a category list — the registered-poor list, the registered-unemployed list… — adding
 * category periods to people already in the registry. "stored" counts rows that added a period,
 * "unchanged" rows whose categories were already in force.
 */
export function makeImportCategories(deps: { db: Db; clock: Clock; pii: PiiCipher; dataDir: string }) {
  const plan: ImportPlan<StagedCategoryRow> = {
    kind: 'categories',
    columns: CATEGORY_LIST_HEADERS,
    required: CATEGORY_LIST_COLUMNS.filter((c) => c.required).map((c) => c.header),
    createStaging: createCategoryStaging,
    check(row, { today, categoryFrom }) {
      const r = validateCategoryRow(row.values, { today, defaultFrom: categoryFrom });
      if (!r.ok) return { problems: r.problems.map((p) => ({ field: p.field, reason: zh(p.code, p.params) })) };
      return { good: { rowNumber: row.rowNumber, idBlind: deps.pii.blindIndex('id', r.value.idNumber), name: r.value.name, codes: r.value.codes, validFrom: r.value.validFrom, validTo: r.value.validTo, values: row.values } };
    },
    stage: stageCategoryRows,
    settle(trx, { batchId, now, actor }) {
      const scope = scopeOf(actor);
      const unitCode = scope.kind === 'unit' ? scope.unitCode : null;
      return settleCategoryRows(trx, {
        source: `import:${batchId}`,
        now,
        unitCode,
        reasons: {
          notRegistered: zh('CATEGORY_WORKER_NOT_REGISTERED'),
          nameMismatch: zh('WORKER_CONFLICTS_STORED'),
          overlap: zh('CATEGORY_PERIOD_OVERLAP_STORED'),
          outOfScope: zh('WORKER_OUT_OF_SCOPE', { unit: unitCode ?? '' }),
        },
      });
    },
  };
  return (ctx: RequestContext, input: ImportInput): Promise<ImportResult> => runImport(deps, ctx, input, plan);
}
