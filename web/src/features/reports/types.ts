/** The shapes of the reports, targets and employment API answers (src/usecases/reports.ts, employment.ts). */
export type ReportKind = 'monthly' | 'quarterly' | 'annual';
export type MonthBasis = 'calendar' | 'day21';
export const FUNDS = ['employment_subsidy', 'skills_account', 'local_talent', 'industry_development'] as const;
export type Fund = (typeof FUNDS)[number];

export type Measures = {
  trainings: number;
  people: number;
  completed: number;
  certificates: number;
  subsidisedPeople: number;
  paidFen: Record<Fund, number>;
  paidTotalFen: number;
  livingAllowanceFen: number;
  employmentBase: number;
  employed: number;
  employmentRatePerMille: number;
};
export type UnitRow = Measures & { unitCode: string; unitName: string; target: number | null; ytdTrainings: number; targetPerMille: number | null };
export type KeyedRow = Measures & { key: string; name: string };
export type Report = {
  kind: ReportKind;
  period: { key: string; kind: string; from: string; to: string; label: string; labelEn: string };
  basis: MonthBasis;
  unitCode: string;
  unitName: string;
  generatedAt: string;
  employmentMonths: number;
  employmentRateTargetPercent: number;
  units: UnitRow[];
  total: Measures & { target: number | null; ytdTrainings: number; targetPerMille: number | null };
  byCategory: KeyedRow[];
  byTrainingType: KeyedRow[];
  byCertificate: KeyedRow[];
};
export type ReportAnswer = { report: Report; frozen: { id: string; at: string; by: string | null; approvedAt: string | null } | null };
export type FrozenItem = {
  id: string;
  kind: ReportKind;
  period: string;
  basis: MonthBasis;
  unitCode: string;
  unitName: string;
  trainings: number;
  frozenAt: string;
  frozenBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
};

export type TargetUnit = {
  unitCode: string;
  unitName: string;
  byMonth: number[];
  monthlyTargets: number[];
  target: number;
  actual: number;
  perMille: number;
  dueByNow: number;
  forecast: number;
  behind: boolean;
};
export type Indicator = {
  code: 'trainings' | 'employment_rate' | 'skilled_share' | 'high_skilled_share';
  clause: string;
  actual: number;
  base: number | null;
  valuePerMille: number | null;
  targetPercent: number;
  target: number | null;
  met: boolean;
};
export type TargetsAnswer = { year: number; basis: MonthBasis; asOfMonth: number; units: TargetUnit[]; indicators: Indicator[]; employmentMonths: number; cityTarget: number | null };

export type RateBy = 'unit' | 'category' | 'institution' | 'class';
export type RateItem = {
  key: string;
  name: string;
  unitCode: string | null;
  unitName: string | null;
  trainings: number;
  completed: number;
  inService: number;
  employmentBase: number;
  employed: number;
  employmentRatePerMille: number | null;
};
export type RatesAnswer = { year: number; by: RateBy; from: string; to: string; employmentMonths: number; unitCode: string; items: RateItem[] };
export type EmploymentImportResult = {
  total: number;
  stored: number;
  unchanged: number;
  unmatched: number;
  rejected: { row: number; field: string; code: string; message: string; messageEn: string }[];
};
export type EmploymentRecord = {
  id: string;
  workerName: string | null;
  idNumberMasked: string | null;
  unitCode: string | null;
  employerCreditCode: string;
  employerName: string | null;
  firstMonth: string | null;
  lastMonth: string | null;
  importedAt: string;
};

/** floor(per mille) as `66.6%`; integers only. */
export function perMilleText(perMille: number | null | undefined): string {
  if (perMille === null || perMille === undefined) return '—';
  return `${Math.floor(perMille / 10)}.${perMille % 10}%`;
}
