import { DEFAULT_REPORT_SETTINGS } from '../domain/reports/settings.ts';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { CITY_CODE, scopeOf } from '../domain/auth/permissions.ts';
import { AppError, errorMessages, type ErrorCode } from '../domain/errors.ts';
import { REPORTING_UNITS } from '../domain/identity/divisions.ts';
import { PERSON_CATEGORIES } from '../domain/reference/catalog.ts';
import { parsePeriod } from '../domain/reports/periods.ts';
import { employmentRates, listEmploymentRecords, type EmploymentRateRow } from '../db/repositories/employment.ts';
import { parseCreditCode } from '../domain/identity/creditCode.ts';
import { parseIdNumber } from '../domain/identity/idNumber.ts';
import { readTable, type TableInput } from '../import/read.ts';
import type { PiiCipher } from '../security/pii.ts';
import { beijingDateOf } from '../domain/training/calendar.ts';
import type { Clock, Db, RequestContext } from './context.ts';
import { requireCan, requireReportUnit } from './guards.ts';
import { writeWithAudit } from './tx.ts';

/** The columns of an employment / social-insurance export (§9 就业社保信息联通共享). */
export const EMPLOYMENT_COLUMNS = { id: '公民身份号码', employer: '用人单位统一社会信用代码', employerName: '用人单位名称', first: '起始月份', last: '终止月份' } as const;

export type EmploymentImportResult = {
  total: number;
  stored: number;
  unchanged: number;
  /** Registered people only: a record of someone not in the real-name registry is kept for later but matched to nobody. */
  unmatched: number;
  rejected: { row: number; field: string; code: ErrorCode; message: string; messageEn: string }[];
};

/** '2020-07', '2020/7', '202007' or an Excel date '2020-07-01' → '2020-07-01'; null when it is none of those. */
export function monthOf(raw: string): string | null {
  const t = raw.trim();
  const m = /^(\d{4})[-/.年]?(\d{1,2})(?:[-/.月]\d{1,2}日?|月)?$/.exec(t);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}-01`;
}

/**
 * Imports employment records: every bad row is named (row, field, reason) and skipped, the good ones are stored;
 * importing the same file again adds nothing. Matched to workers by the ID number's blind index.
 */
export function makeEmploymentImport(deps: { db: Db; clock: Clock; pii: PiiCipher }) {
  return async function importEmployment(ctx: RequestContext, input: TableInput): Promise<EmploymentImportResult> {
    // §9 就业社保信息联通共享 is the city's exchange with social insurance: the records touch every unit's rates, so
    // only the city office imports them (a county office reads its own unit's rates).
    const actor = requireCan(ctx, 'employment.import', { unitCode: CITY_CODE });
    const scope = scopeOf(actor);
    const today = beijingDateOf(deps.clock.now().getTime());
    const rejected: EmploymentImportResult['rejected'] = [];
    const good: { idBlind: string; employer: string; employerName: string | null; first: string; last: string | null }[] = [];
    let total = 0;
    const reject = (row: number, field: string, code: ErrorCode, params: Record<string, string | number> = {}) => {
      const m = errorMessages(code, params);
      rejected.push({ row, field, code, message: m['zh-CN'], messageEn: m.en });
    };
    for await (const r of readTable(input, { requiredColumns: [EMPLOYMENT_COLUMNS.id, EMPLOYMENT_COLUMNS.employer, EMPLOYMENT_COLUMNS.first], knownColumns: [EMPLOYMENT_COLUMNS.employerName, EMPLOYMENT_COLUMNS.last] })) {
      total++;
      const v = r.values;
      const id = parseIdNumber(v[EMPLOYMENT_COLUMNS.id] ?? '', today);
      if (!id.ok) {
        reject(r.rowNumber, EMPLOYMENT_COLUMNS.id, id.problem === 'check_char' ? 'ID_CHECK_CHAR' : 'ID_FORMAT');
        continue;
      }
      const employer = (v[EMPLOYMENT_COLUMNS.employer] ?? '').trim().toUpperCase();
      if (!parseCreditCode(employer).ok) {
        reject(r.rowNumber, EMPLOYMENT_COLUMNS.employer, 'EMPLOYMENT_EMPLOYER_INVALID', { value: employer });
        continue;
      }
      const first = monthOf(v[EMPLOYMENT_COLUMNS.first] ?? '');
      if (!first) {
        reject(r.rowNumber, EMPLOYMENT_COLUMNS.first, 'EMPLOYMENT_MONTH_INVALID', { value: v[EMPLOYMENT_COLUMNS.first] ?? '' });
        continue;
      }
      const lastRaw = (v[EMPLOYMENT_COLUMNS.last] ?? '').trim();
      const last = lastRaw ? monthOf(lastRaw) : null;
      if (lastRaw && !last) {
        reject(r.rowNumber, EMPLOYMENT_COLUMNS.last, 'EMPLOYMENT_MONTH_INVALID', { value: lastRaw });
        continue;
      }
      if (last && last < first) {
        reject(r.rowNumber, EMPLOYMENT_COLUMNS.last, 'EMPLOYMENT_MONTHS_REVERSED', { first: first.slice(0, 7), last: last.slice(0, 7) });
        continue;
      }
      good.push({ idBlind: deps.pii.blindIndex('id', id.value), employer, employerName: v[EMPLOYMENT_COLUMNS.employerName]?.trim() || null, first, last });
    }
    if (total === 0) throw new AppError('IMPORT_EMPTY_FILE');
    return writeWithAudit(deps, ctx, async (trx, now) => {
      let stored = 0;
      let unmatched = 0;
      for (let i = 0; i < good.length; i += 1000) {
        const chunk = good.slice(i, i + 1000);
        const r = await sql<{ worker_id: string | null }>`
          INSERT INTO employment_records (id, id_blind, worker_id, employer_credit_code, employer_name, first_month, last_month, imported_at)
          SELECT x.id, x.id_blind, w.id, x.employer, x.employer_name, x.first_month, x.last_month, ${now}
          FROM unnest(${chunk.map(() => randomUUID())}::uuid[], ${chunk.map((g) => g.idBlind)}::text[], ${chunk.map((g) => g.employer)}::text[],
            ${chunk.map((g) => g.employerName)}::text[], ${chunk.map((g) => g.first)}::date[], ${chunk.map((g) => g.last)}::date[])
            AS x(id, id_blind, employer, employer_name, first_month, last_month)
          LEFT JOIN workers w ON w.id_blind = x.id_blind
          ON CONFLICT (id_blind, employer_credit_code, first_month) DO UPDATE
            SET last_month = EXCLUDED.last_month, employer_name = COALESCE(EXCLUDED.employer_name, employment_records.employer_name),
              worker_id = COALESCE(employment_records.worker_id, EXCLUDED.worker_id), imported_at = EXCLUDED.imported_at
            -- A later export closes an open spell (or corrects its end) and matches a person registered since; the same row again changes nothing.
            WHERE employment_records.last_month IS DISTINCT FROM EXCLUDED.last_month
              OR (employment_records.worker_id IS NULL AND EXCLUDED.worker_id IS NOT NULL)
          RETURNING worker_id`.execute(trx);
        stored += r.rows.length;
        unmatched += r.rows.filter((x) => x.worker_id === null).length;
      }
      const result = { total, stored, unchanged: good.length - stored, unmatched, rejected };
      return { result, audit: { action: 'employment.import', targetType: 'employment', summary: { total, stored, unchanged: result.unchanged, unmatched, rejected: rejected.length, scope: scope.kind } } };
    });
  };
}

export const EmploymentRatesQuery = z.strictObject({
  year: z.coerce.number().int().min(2019).max(2100).describe('Trainings that ended in this year'),
  by: z.enum(['class', 'institution', 'unit', 'category']).default('unit'),
  unit: z.string().optional().describe('A reporting unit (city roles); a county is fixed to its own'),
  basis: z.enum(['calendar', 'day21']).default('calendar'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Classes and institutions: at most this many rows'),
});
export const EmploymentRecordsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/**
 * Reading employment outcomes (§9): rates per class, institution, unit or person category, in-service employees
 * out of the denominator (二), per mille integers; and the imported records with masked ID numbers. Scoped like
 * the reports: a county sees its own unit only.
 */
export function makeEmploymentQueries(deps: { db: Db; reports?: { employmentMonths?: number } }) {
  const months = deps.reports?.employmentMonths ?? DEFAULT_REPORT_SETTINGS.employmentMonths;
  return {
    async rates(ctx: RequestContext, q: z.infer<typeof EmploymentRatesQuery>) {
      const { unit: unitCode } = requireReportUnit(ctx, q.unit);
      const y = parsePeriod(String(q.year), q.basis);
      const rows = await employmentRates(deps.db, { from: y.from, to: y.to, months, unitCode, by: q.by, limit: q.limit });
      const nameOf = (r: EmploymentRateRow) =>
        q.by === 'unit'
          ? (REPORTING_UNITS.find((u) => u.code === r.key)?.name ?? r.key)
          : q.by === 'category'
            ? (PERSON_CATEGORIES.find((c) => c.code === r.key)?.name ?? r.key)
            : (r.name ?? r.key);
      const items = rows.map((r) => {
        const base = Number(r.employment_base);
        const employed = Number(r.employed);
        return {
          key: r.key,
          name: nameOf(r),
          unitCode: r.unit_code,
          unitName: r.unit_code ? (REPORTING_UNITS.find((u) => u.code === r.unit_code)?.name ?? r.unit_code) : null,
          trainings: Number(r.trainings),
          completed: Number(r.completed),
          inService: Number(r.in_service),
          employmentBase: base,
          employed,
          /** floor(1000 × employed / base); null when nobody counts. */
          employmentRatePerMille: base === 0 ? null : Math.floor((employed * 1000) / base),
        };
      });
      return { year: q.year, by: q.by, from: y.from, to: y.to, employmentMonths: months, unitCode: unitCode ?? CITY_CODE, items };
    },

    async records(ctx: RequestContext, q: z.infer<typeof EmploymentRecordsQuery>) {
      const { unit: unitCode } = requireReportUnit(ctx, undefined);
      const { rows, total } = await listEmploymentRecords(deps.db, { unitCode, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      const month = (d: Date | string | null) => (d === null ? null : (typeof d === 'string' ? d : beijingDateOf(d.getTime())).slice(0, 7));
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          workerName: r.worker_name,
          idNumberMasked: r.id_masked,
          unitCode: r.unit_code,
          employerCreditCode: r.employer_credit_code,
          employerName: r.employer_name,
          firstMonth: month(r.first_month),
          lastMonth: month(r.last_month),
          importedAt: new Date(r.imported_at).toISOString(),
        })),
      };
    },
  };
}
