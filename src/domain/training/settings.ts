/**
 * The training rules' settings that the document leaves OPEN (policy.md marks them): each has a default here and
 * an environment variable to change it. They are passed to the pure rules; nothing reads them globally.
 */
import { DEFAULT_COMPLETION_THRESHOLD_PERCENT, DEFAULT_TOLERANCE_MINUTES } from './attendance.ts';
import { DEFAULT_MIN_DAYS_BEFORE_START } from './classLifecycle.ts';
import { DEFAULT_SUBSIDY_SETTINGS, type SubsidySettings } from './enrolment.ts';

export type TrainingSettings = {
  /** File a class at least this many days before it starts (JINENG_FILING_MIN_DAYS, default 7). */
  filingMinDays: number;
  /** Minutes before and after a session during which check-ins are accepted (JINENG_SCAN_TOLERANCE_MINUTES, default 15). */
  scanToleranceMinutes: number;
  /** Share of the scheduled minutes a trainee must attend to complete (§10; JINENG_COMPLETION_PERCENT, default 80). */
  completionPercent: number;
  /** §15 limits (JINENG_MAX_SUBSIDISED_PER_YEAR, default 3). */
  subsidy: SubsidySettings;
  /** The public announcement (公示) of a claim lasts this many working days (JINENG_ANNOUNCEMENT_DAYS, default 5). */
  announcementWorkingDays: number;
};

export const DEFAULT_TRAINING_SETTINGS: Readonly<TrainingSettings> = {
  filingMinDays: DEFAULT_MIN_DAYS_BEFORE_START,
  scanToleranceMinutes: DEFAULT_TOLERANCE_MINUTES,
  completionPercent: DEFAULT_COMPLETION_THRESHOLD_PERCENT,
  subsidy: DEFAULT_SUBSIDY_SETTINGS,
  announcementWorkingDays: 5,
};

function int(raw: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  return n;
}

export function trainingSettingsFrom(env: Record<string, string | undefined>): TrainingSettings {
  const d = DEFAULT_TRAINING_SETTINGS;
  return {
    filingMinDays: int(env.JINENG_FILING_MIN_DAYS, d.filingMinDays, 0, 60, 'JINENG_FILING_MIN_DAYS'),
    scanToleranceMinutes: int(env.JINENG_SCAN_TOLERANCE_MINUTES, d.scanToleranceMinutes, 0, 120, 'JINENG_SCAN_TOLERANCE_MINUTES'),
    completionPercent: int(env.JINENG_COMPLETION_PERCENT, d.completionPercent, 1, 100, 'JINENG_COMPLETION_PERCENT'),
    announcementWorkingDays: int(env.JINENG_ANNOUNCEMENT_DAYS, d.announcementWorkingDays, 1, 30, 'JINENG_ANNOUNCEMENT_DAYS'),
    subsidy: { ...d.subsidy, maxPerYear: int(env.JINENG_MAX_SUBSIDISED_PER_YEAR, d.subsidy.maxPerYear, 1, 12, 'JINENG_MAX_SUBSIDISED_PER_YEAR') },
  };
}
