/**
 * The reports' settings. `employmentMonths` is left OPEN by the document (policy.md, §9 就业社保信息联通共享): a
 * trainee counts as employed when an employment or social-insurance record shows employment within this many months
 * after completing (JINENG_EMPLOYMENT_MONTHS, default 6). `analyticsRefreshHour` is operational: the Beijing hour at
 * which the server rebuilds the reports' analytics table when records changed since the last build (ADR 0011;
 * JINENG_ANALYTICS_REFRESH_HOUR, default 2; `off` for none, e.g. when cron runs `jineng analytics refresh`).
 */
export type ReportSettings = { employmentMonths: number; analyticsRefreshHour: number | null };

export const DEFAULT_REPORT_SETTINGS: Readonly<ReportSettings> = { employmentMonths: 6, analyticsRefreshHour: 2 };

function int(raw: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  return n;
}

export function reportSettingsFrom(env: Record<string, string | undefined>): ReportSettings {
  const d = DEFAULT_REPORT_SETTINGS;
  const hour = env.JINENG_ANALYTICS_REFRESH_HOUR?.trim().toLowerCase();
  return {
    employmentMonths: int(env.JINENG_EMPLOYMENT_MONTHS, d.employmentMonths, 0, 36, 'JINENG_EMPLOYMENT_MONTHS'),
    analyticsRefreshHour: hour === 'off' ? null : int(hour, d.analyticsRefreshHour ?? 2, 0, 23, 'JINENG_ANALYTICS_REFRESH_HOUR'),
  };
}

/**
 * Whether the nightly analytics refresh is due at `nowMs`: in the set Beijing hour, and not yet tried on this Beijing
 * day (`lastTriedDay`, YYYY-MM-DD, or null). Pure.
 */
export function analyticsRefreshDue(nowMs: number, hour: number | null, lastTriedDay: string | null): { due: boolean; day: string } {
  const beijing = new Date(nowMs + 8 * 3_600_000);
  const day = beijing.toISOString().slice(0, 10);
  return { due: hour !== null && beijing.getUTCHours() === hour && day !== lastTriedDay, day };
}
