import { randomUUID } from 'node:crypto';
import { scopeOf } from '../../domain/auth/permissions.ts';
import { maskIdNumber, maskPhone } from '../../domain/identity/idNumber.ts';
import { validateWorkerRow, WORKER_COLUMNS } from '../../domain/registry/worker.ts';
import { classifyAndStore, createWorkerStaging, stageWorkers, type StagedWorker } from '../../db/repositories/workerImport.ts';
import type { PiiCipher } from '../../security/pii.ts';
import type { Clock, Db, RequestContext } from '../context.ts';
import { runImport, zh, type ImportInput, type ImportPlan, type ImportResult } from '../imports/runImport.ts';

export type { ImportInput, ImportProgress, ImportResult } from '../imports/runImport.ts';

export const WORKER_HEADERS = WORKER_COLUMNS.map((c) => c.header);

/**
 * Bulk import of a worker roster (花名册) from .xlsx or .csv (ADR 0007). Rows stream through row
 * validation and encryption into a staging table; duplicates inside the file, conflicts with the
 * registry (same ID number, another name) and unchanged rows are settled in SQL. A county office
 * imports only its own unit's people. Importing the same file again stores nothing new.
 */
export function makeImportWorkers(deps: { db: Db; clock: Clock; pii: PiiCipher; dataDir: string }) {
  const { pii } = deps;
  const plan: ImportPlan<StagedWorker> = {
    kind: 'workers',
    columns: WORKER_HEADERS,
    required: WORKER_COLUMNS.filter((c) => c.required).map((c) => c.header),
    createStaging: createWorkerStaging,
    check(row, { today, categoryFrom, actor }) {
      const result = validateWorkerRow(row.values, { today, categoryFrom });
      if (!result.ok) return { problems: result.problems.map((p) => ({ field: p.field, reason: zh(p.code, p.params) })) };
      const w = result.value;
      const scope = scopeOf(actor);
      if (scope.kind === 'unit' && w.unitCode !== scope.unitCode) {
        return { problems: [{ field: '县区代码', reason: zh('WORKER_OUT_OF_SCOPE', { unit: actor.unitCode ?? '' }) }] };
      }
      return {
        good: {
          rowNumber: row.rowNumber,
          id: randomUUID(),
          name: w.name,
          gender: w.gender,
          birthDate: w.birthDate,
          idCipher: pii.encrypt(w.idNumber),
          idBlind: pii.blindIndex('id', w.idNumber),
          idMasked: maskIdNumber(w.idNumber),
          phoneCipher: w.phone ? pii.encrypt(w.phone) : null,
          phoneBlind: w.phone ? pii.blindIndex('phone', w.phone) : null,
          phoneMasked: w.phone ? maskPhone(w.phone) : null,
          unitCode: w.unitCode,
          countyCode: w.countyCode,
          townshipCode: w.townshipCode,
          education: w.education,
          disability: w.disability,
          categories: w.categories.map((c) => c.code),
          values: row.values,
        },
      };
    },
    stage: stageWorkers,
    settle(trx, { batchId, categoryFrom, now }) {
      const dup = zh('WORKER_DUPLICATE_IN_FILE', { row: '\u0000' }).split('\u0000');
      return classifyAndStore(trx, {
        categoryFrom,
        source: `import:${batchId}`,
        now,
        duplicateReason: { before: dup[0] ?? '', after: dup[1] ?? '' },
        conflictReason: zh('WORKER_CONFLICTS_STORED'),
      });
    },
  };
  return (ctx: RequestContext, input: ImportInput): Promise<ImportResult> => runImport(deps, ctx, input, plan);
}
