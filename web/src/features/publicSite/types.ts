/** The public disclosure API's answers (/api/public/disclosure/*, /api/public/blacklist). */
export type FundCode = 'employment_subsidy' | 'skills_account' | 'local_talent' | 'industry_development';
export const FUND_CODES: readonly FundCode[] = ['employment_subsidy', 'skills_account', 'local_talent', 'industry_development'];
export type ReportKind = 'monthly' | 'quarterly' | 'annual';

export type Figures = {
  trainings: number;
  /** null for months added up: distinct people do not add up. */
  people: number | null;
  completed: number;
  certificates: number;
  subsidisedPeople: number | null;
  paidFen: Record<FundCode, number>;
  paidTotalFen: number;
  livingAllowanceFen: number;
  employmentBase: number;
  employed: number;
  employmentRatePerMille: number;
  target: number | null;
  ytdTrainings: number;
  targetPerMille: number | null;
};
export type UnitFigures = Figures & { unitCode: string; unitName: string; unitNameEn: string };

export type ReportRef = {
  id: string;
  kind: ReportKind;
  periodKey: string;
  basis: 'calendar' | 'day21';
  unitCode: string;
  unitName: string;
  unitNameEn: string;
  frozenAt: string;
  approvedAt: string;
};
export type DisclosedPeriod = ReportRef & { label: string; labelEn: string; from: string; to: string; total: Figures; units: UnitFigures[] };

export type DisclosurePeriods = { years: number[]; items: ReportRef[] };
export type DisclosureYear = {
  year: number;
  basis: 'calendar' | 'day21';
  monthsDisclosed: number;
  periods: DisclosedPeriod[];
  summary: { source: 'annual' | 'monthly'; asOf: string; total: Figures; units: UnitFigures[] } | null;
};

type Breakdown = (Omit<Figures, 'target' | 'ytdTrainings' | 'targetPerMille'> & { key: string; name: string })[];
export type DisclosedReport = ReportRef & {
  label: string;
  labelEn: string;
  from: string;
  to: string;
  report: { units: (Figures & { unitCode: string; unitName: string })[]; total: Figures; byCategory: Breakdown; byTrainingType: Breakdown; byCertificate: Breakdown };
  /** English names of the breakdown keys. */
  namesEn: Record<string, string>;
};

export type BlacklistEntry = {
  name: string;
  creditCode: string;
  kind: 'institution' | 'enterprise';
  institutionKind: string | null;
  unitCode: string;
  unitName: string;
  unitNameEn: string;
  effectiveDate: string | null;
  reason: string;
  decisionRef: string | null;
  listedAt: string | null;
};
