/**
 * Demo person categories, institution licences and enterprise education-fund figures: pure functions
 * of (seed, index), so the demo registry looks like a real one (a worker's categories, what each
 * institution may teach, §13 figures with a few enterprises outside the ratios).
 */
import { OCCUPATIONS } from '../reference/catalog.ts';
import { rngFor } from './random.ts';

export type DemoCategory = { code: string; validFrom: string; validTo: string | null; employer: boolean };

/** Shares of workers holding each category (several may hold more than one). */
const SHARES: readonly (readonly [string, number])[] = [
  ['rural_migrant', 0.34],
  ['enterprise_employee', 0.22],
  ['registered_poor', 0.12],
  ['laid_off', 0.08],
  ['college_graduate', 0.07],
  ['employment_difficulty', 0.05],
  ['two_after', 0.04],
  ['veteran', 0.03],
  ['professional_farmer', 0.03],
];

/** The categories of demo worker `index`; enterprise employees need an employer (chosen by the caller). */
export function demoCategories(seed: string, index: number): DemoCategory[] {
  const rng = rngFor(`${seed}/categories`, index);
  const out: DemoCategory[] = [];
  for (const [code, share] of SHARES) {
    if (rng.next() >= share) continue;
    if (code === 'enterprise_employee' && out.some((c) => c.code === 'rural_migrant' || c.code === 'laid_off')) continue;
    const year = rng.int(2016, 2020);
    const validFrom = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
    // Registered-poor status ends when the household leaves poverty; some other categories end too.
    const ends = code === 'registered_poor' ? rng.next() < 0.3 : code === 'laid_off' || code === 'college_graduate' ? rng.next() < 0.5 : false;
    out.push({ code, validFrom, validTo: ends ? `${Math.min(2021, year + rng.int(1, 3))}-12-31` : null, employer: code === 'enterprise_employee' });
  }
  return out;
}

/** 2–4 licensed occupations of a demo institution, each with 1–3 levels. */
export function demoLicences(seed: string, index: number): { occupationCode: string; levels: string[] }[] {
  const rng = rngFor(`${seed}/licences`, index);
  const count = rng.int(2, 4);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(rng.pick(OCCUPATIONS).code);
  const ladders = [['special'], ['5'], ['5', '4'], ['5', '4', '3'], ['4', '3'], ['special', '5']];
  return [...chosen].map((occupationCode) => ({ occupationCode, levels: rng.pick(ladders) }));
}

/** §13 figures of a demo enterprise for a year, in fen; about one in six is outside a ratio. */
export function demoEducationFund(seed: string, index: number, year: number, employees: number) {
  const rng = rngFor(`${seed}/fund/${year}`, index);
  const payrollFen = employees * rng.int(45_000, 90_000) * 100;
  const percent = rng.next() < 0.1 ? rng.int(81, 100) : rng.int(15, 80); // tenths of a percent of payroll
  const educationFundFen = Math.floor((payrollFen * percent) / 1000);
  const frontShare = rng.next() < 0.1 ? rng.int(40, 59) : rng.int(60, 85);
  const frontLineFen = Math.floor((educationFundFen * frontShare) / 100);
  return { payrollFen, educationFundFen, frontLineFen };
}
