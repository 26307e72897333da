/** The answer of GET /api/dashboard/:year (src/http/routes/dashboard.ts). Rates are integers per mille; money integer fen. */
export type FundFen = { employment_subsidy: number; skills_account: number; local_talent: number; industry_development: number };
export type FlagCode = 'low_completion' | 'low_certification' | 'low_employment' | 'high_manual_share' | 'blacklisted' | 'suspended';
export type Flag = { code: FlagCode; valuePerMille?: number; thresholdPerMille?: number };

export type UnitProgress = { unitCode: string; unitName: string; target: number; actual: number; perMille: number; dueByNow: number; forecast: number; behind: boolean };

export type InstitutionPerformance = {
  orgId: string;
  name: string;
  orgKind: string;
  institutionKind: string | null;
  orgUnitCode: string;
  status: string;
  classes: number;
  trainings: number;
  completed: number;
  certificates: number;
  employmentBase: number;
  employed: number;
  manualMarks: number;
  attendanceRecords: number;
  completionRatePerMille: number | null;
  certificationRatePerMille: number | null;
  employmentRatePerMille: number | null;
  manualSharePerMille: number | null;
  flags: Flag[];
};

export type Dashboard = {
  year: number;
  basis: 'calendar' | 'day21';
  unitCode: string;
  unitName: string;
  cityWide: boolean;
  asOfMonth: number;
  generatedAt: string;
  employmentMonths: number;
  employmentRateTargetPerMille: number;
  headline: {
    trainings: number;
    people: number;
    completed: number;
    certificates: number;
    subsidisedPeople: number;
    paidFen: FundFen;
    paidTotalFen: number;
    livingAllowanceFen: number;
    employmentBase: number;
    employed: number;
    employmentRatePerMille: number;
    target: number | null;
    targetPerMille: number | null;
  };
  progress: UnitProgress[];
  behindUnits: string[];
  months: {
    month: string;
    trainings: number;
    completed: number;
    certificates: number;
    cumulative: number;
    target: number;
    cumulativeTarget: number;
    paidFen: FundFen;
    paidTotalFen: number;
    livingAllowanceFen: number;
  }[];
  categories: { code: string; name: string; nameEn: string; trainings: number; people: number }[];
  funds: { code: keyof FundFen; name: string; nameEn: string; paidFen: number }[];
  employmentByUnit: { unitCode: string; unitName: string; trainings: number; completed: number; employmentBase: number; employed: number; employmentRatePerMille: number }[];
  thresholds: { minSample: number; completionPerMille: number; certificationPerMille: number; employmentPerMille: number; manualSharePerMille: number };
  institutions: InstitutionPerformance[];
};
