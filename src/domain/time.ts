/** Programme dates are Asia/Shanghai calendar days (UTC+8, no daylight saving). */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
