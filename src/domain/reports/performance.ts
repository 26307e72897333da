/**
 * The §9 performance evaluation of training institutions (培训机构绩效评价): their completion, certification and
 * employment rates and the share of attendance taken by manual marks, against named thresholds. Pure.
 */
import { EMPLOYMENT_RATE_TARGET_PERCENT } from './targets.ts';

/**
 * §9 performance evaluation: the thresholds an institution is flagged against. Rates are per mille. A rate is
 * judged only on a sample of at least `minSample` (trainings for completion; completions for certification; the
 * employment base for employment; attendance records for the manual share), so a small class does not flag.
 */
export type PerformanceThresholds = {
  minSample: number;
  /** Fewer than 80 % of its trainees completed (§10: completion needs 80 % attendance). */
  completionPerMille: number;
  /** Fewer than 60 % of those who completed obtained a certificate (§15 certificate-oriented training). */
  certificationPerMille: number;
  /** Employment rate, in-service employees out, below the programme's 25 % target (二). */
  employmentPerMille: number;
  /** More than 15 % of attendance by manual marks rather than scanned check-ins (§9 real-name attendance; §17 false training). */
  manualSharePerMille: number;
};
export const PERFORMANCE_THRESHOLDS: PerformanceThresholds = {
  minSample: 20,
  completionPerMille: 800,
  certificationPerMille: 600,
  employmentPerMille: EMPLOYMENT_RATE_TARGET_PERCENT * 10,
  manualSharePerMille: 150,
};

export type PerformanceFlag = {
  code: 'low_completion' | 'low_certification' | 'low_employment' | 'high_manual_share' | 'blacklisted' | 'suspended';
  /** The institution's figure and the threshold it crossed (per mille); absent for a status flag. */
  valuePerMille?: number;
  thresholdPerMille?: number;
};

const floorPerMille = (part: number, whole: number) => (whole === 0 ? null : Math.floor((part * 1000) / whole));
/** A share judged against a maximum rounds up, so a figure just over the line is never shown under it. */
const ceilPerMille = (part: number, whole: number) => (whole === 0 ? null : Math.ceil((part * 1000) / whole));

/** One institution's §9 figures and the flags they raise. Pure. */
export function institutionFigures(
  r: { trainings: number; completed: number; certificates: number; employment_base: number; employed: number; manual: number; scanned: number; org_status: string },
  th: PerformanceThresholds = PERFORMANCE_THRESHOLDS) {
  const attendance = r.manual + r.scanned;
  const completionRatePerMille = floorPerMille(r.completed, r.trainings);
  const certificationRatePerMille = floorPerMille(r.certificates, r.completed);
  const employmentRatePerMille = floorPerMille(r.employed, r.employment_base);
  const manualSharePerMille = ceilPerMille(r.manual, attendance);
  const flags: PerformanceFlag[] = [];
  if (r.org_status === 'blacklisted' || r.org_status === 'suspended') flags.push({ code: r.org_status });
  if (completionRatePerMille !== null && r.trainings >= th.minSample && completionRatePerMille < th.completionPerMille)
    flags.push({ code: 'low_completion', valuePerMille: completionRatePerMille, thresholdPerMille: th.completionPerMille });
  if (certificationRatePerMille !== null && r.completed >= th.minSample && certificationRatePerMille < th.certificationPerMille)
    flags.push({ code: 'low_certification', valuePerMille: certificationRatePerMille, thresholdPerMille: th.certificationPerMille });
  if (employmentRatePerMille !== null && r.employment_base >= th.minSample && employmentRatePerMille < th.employmentPerMille)
    flags.push({ code: 'low_employment', valuePerMille: employmentRatePerMille, thresholdPerMille: th.employmentPerMille });
  if (manualSharePerMille !== null && attendance >= th.minSample && manualSharePerMille > th.manualSharePerMille)
    flags.push({ code: 'high_manual_share', valuePerMille: manualSharePerMille, thresholdPerMille: th.manualSharePerMille });
  return { attendanceRecords: attendance, completionRatePerMille, certificationRatePerMille, employmentRatePerMille, manualSharePerMille, flags };
}
