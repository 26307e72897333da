/**
 * The reports' setting that the document leaves OPEN (policy.md, §9 就业社保信息联通共享): a trainee counts as employed
 * when an employment or social-insurance record shows employment within this many months after completing.
 * JINENG_EMPLOYMENT_MONTHS, default 6.
 */
export type ReportSettings = { employmentMonths: number };

export const DEFAULT_REPORT_SETTINGS: Readonly<ReportSettings> = { employmentMonths: 6 };

export function reportSettingsFrom(env: Record<string, string | undefined>): ReportSettings {
  const raw = env.JINENG_EMPLOYMENT_MONTHS;
  if (raw === undefined || raw.trim() === '') return { ...DEFAULT_REPORT_SETTINGS };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 36) throw new Error(`JINENG_EMPLOYMENT_MONTHS must be an integer from 0 to 36, not ${JSON.stringify(raw)}`);
  return { employmentMonths: n };
}
