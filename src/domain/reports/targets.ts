/**
 * Targets (part 二 目标任务; 四(一) 任务分解): the city's yearly target of subsidised trainings (人次) decomposed to
 * the 14 reporting units and to months; progress always computed from the records; a forecast of year-end
 * completion at the current pace, and an alert for units falling behind. Integer arithmetic throughout.
 */

/** 二: 2020 and 2021 at least 100,000 人次 each (2019: 100,000 人). */
export const CITY_TARGETS: Readonly<Record<number, number>> = { 2019: 100_000, 2020: 100_000, 2021: 100_000 };
/** 二: employment rate of trainees, excluding enterprise in-service employees, at least 25 %. */
export const EMPLOYMENT_RATE_TARGET_PERCENT = 25;
/** 二: by the end of 2021 skilled workers ≥ 25 % of the employed; high-skilled ≥ 30 % of skilled. */
export const SKILLED_SHARE_TARGET_PERCENT = 25;
export const HIGH_SKILLED_SHARE_TARGET_PERCENT = 30;

/**
 * Splits `total` over `weights` by the largest-remainder method: integers, summing exactly to `total`, each as
 * close to its share as possible; ties go to the earlier key. Weights are non-negative integers (e.g. population).
 */
export function apportion<K extends string>(total: number, weights: Readonly<Record<K, number>>): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  const sum = keys.reduce((s, k) => s + weights[k], 0);
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('the total must be a non-negative integer');
  if (sum <= 0) throw new RangeError('the weights must not all be zero');
  const base = keys.map((k) => ({ k, q: Math.floor((total * weights[k]) / sum), r: (total * weights[k]) % sum }));
  let left = total - base.reduce((s, b) => s + b.q, 0);
  const order = [...base].sort((a, b) => b.r - a.r);
  for (const b of order) {
    if (left === 0) break;
    b.q++;
    left--;
  }
  return Object.fromEntries(base.map((b) => [b.k, b.q])) as Record<K, number>;
}

/**
 * Default monthly profile of training (人次 by month, out of 1000): little in January–February (Spring Festival),
 * most in spring and autumn. OPEN: the office may set its own; the profile only shapes the monthly targets.
 */
export const DEFAULT_MONTH_PROFILE: readonly number[] = [30, 30, 80, 100, 100, 100, 80, 70, 100, 110, 110, 90];

export type Progress = {
  target: number;
  actual: number;
  /** floor(1000 × actual / target). */
  perMille: number;
  /** The target due by `asOfMonth` (cumulative monthly targets). */
  dueByNow: number;
  /** Year-end forecast at the pace so far: actual ÷ elapsed share of the profile. */
  forecast: number;
  /** true when the forecast falls short of the target by more than `tolerancePercent`. */
  behind: boolean;
};

/**
 * Progress of one unit in a year at month `asOfMonth` (1–12, the last complete month). The pace is measured
 * against the monthly profile: training done in the months elapsed ÷ their share of the year's profile.
 */
export function progress(target: number, actualByMonth: readonly number[], asOfMonth: number, profile: readonly number[] = DEFAULT_MONTH_PROFILE, tolerancePercent = 10): Progress {
  const elapsed = Math.max(0, Math.min(12, asOfMonth));
  const actual = actualByMonth.slice(0, 12).reduce((s, n) => s + n, 0);
  const monthly = apportion(target, Object.fromEntries(profile.map((w, i) => [String(i), w])) as Record<string, number>);
  const dueByNow = Array.from({ length: elapsed }, (_, i) => monthly[String(i)] ?? 0).reduce((s, n) => s + n, 0);
  const profileTotal = profile.reduce((s, n) => s + n, 0);
  const profileElapsed = profile.slice(0, elapsed).reduce((s, n) => s + n, 0);
  const doneInElapsed = actualByMonth.slice(0, elapsed).reduce((s, n) => s + n, 0);
  const forecast = elapsed >= 12 ? actual : profileElapsed === 0 ? 0 : Math.round((doneInElapsed * profileTotal) / profileElapsed);
  return {
    target,
    actual,
    perMille: target === 0 ? 0 : Math.floor((actual * 1000) / target),
    dueByNow,
    forecast,
    // Before a month of the year has passed there is no pace to judge: nobody is behind yet.
    behind: elapsed > 0 && forecast * 100 < target * (100 - tolerancePercent),
  };
}

/** The monthly targets of a yearly target along a profile. */
export function monthlyTargets(target: number, profile: readonly number[] = DEFAULT_MONTH_PROFILE): number[] {
  const m = apportion(target, Object.fromEntries(profile.map((w, i) => [String(i), w])) as Record<string, number>);
  return profile.map((_, i) => m[String(i)] ?? 0);
}
