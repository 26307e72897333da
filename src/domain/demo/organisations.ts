/**
 * Demo training/evaluation institutions and enterprises for 运城市, deterministic per seed.
 *
 * Unified social credit codes are valid (GB 32100 + GB 11714) and the category matches the kind of body
 * (domain-facts §2.1): companies and enterprise training centres 91 (工商/企业), private training schools 52
 * (民政/民办非企业单位), public schools and government centres 12 (机构编制/事业单位). The registration
 * division is the unit's county code (140802 for the development zone). Organisation codes are unique by
 * construction: each category has its own prefix (MA0…, MJ…, 4…) followed by an affine bijection of a counter.
 */
import { creditCodeCheckChar, orgCodeCheckChar, USCC_CHARS } from '../identity/creditCode.ts';
import { REPORTING_UNITS } from '../identity/divisions.ts';
import type { ReportingUnit } from '../identity/divisions.ts';
import { randomChineseName, randomMobile } from './people.ts';
import { createRng } from './random.ts';
import type { Rng } from './random.ts';

export type InstitutionKind = 'enterprise_centre' | 'vocational_college' | 'technical_school' | 'government_centre' | 'private' | 'evaluation';

/** How an institution is admitted to subsidised training (§12): review and filing, or public bidding. */
export type AdmissionRoute = 'review_filing' | 'bidding';

export type DemoOrg = {
  creditCode: string;
  name: string;
  nameEn?: string;
  kind: 'institution' | 'enterprise';
  institutionKind?: InstitutionKind;
  admissionRoute?: AdmissionRoute;
  /** Industry (GB/T 4754 division name) of enterprises and enterprise training centres. */
  industry?: string;
  highRisk?: boolean;
  unitCode: string;
  employees?: number;
  /** Training places per year, for institutions. */
  capacity?: number;
  contactName: string;
  contactPhone: string;
};

type Industry = { name: string; words: readonly string[]; highRisk: boolean; employees: readonly [number, number] };

/**
 * highRisk marks mining, hazardous chemicals (coking plants make benzene, tar and coke-oven gas) and metal
 * smelting, the sectors with mandatory safety training (安全生产法 lists 矿山、金属冶炼 and 危险物品 units).
 */
const INDUSTRIES = {
  coal: { name: '煤炭开采和洗选业', words: ['煤业'], highRisk: true, employees: [400, 3000] },
  metalMining: { name: '有色金属矿采选业', words: ['矿业'], highRisk: true, employees: [300, 2500] },
  chemicals: { name: '化学原料和化学制品制造业', words: ['化工'], highRisk: true, employees: [200, 2000] },
  coking: { name: '石油、煤炭及其他燃料加工业', words: ['焦化', '煤化工'], highRisk: true, employees: [300, 2000] },
  steel: { name: '黑色金属冶炼和压延加工业', words: ['钢铁'], highRisk: true, employees: [800, 5000] },
  lightMetals: { name: '有色金属冶炼和压延加工业', words: ['铝业', '镁业'], highRisk: true, employees: [300, 3000] },
  food: { name: '农副食品加工业', words: ['食品', '果业'], highRisk: false, employees: [50, 600] },
  pharma: { name: '医药制造业', words: ['药业', '制药'], highRisk: false, employees: [100, 1200] },
  logistics: { name: '道路运输业', words: ['物流'], highRisk: false, employees: [50, 500] },
  machinery: { name: '通用设备制造业', words: ['机械', '装备制造'], highRisk: false, employees: [80, 1000] },
  autoParts: { name: '汽车制造业', words: ['汽车零部件'], highRisk: false, employees: [100, 1500] },
  electrical: { name: '电气机械和器材制造业', words: ['电机', '电气'], highRisk: false, employees: [100, 2000] },
  textiles: { name: '纺织业', words: ['纺织'], highRisk: false, employees: [100, 1200] },
  buildingMaterials: { name: '非金属矿物制品业', words: ['建材', '水泥'], highRisk: false, employees: [80, 800] },
  power: { name: '电力、热力生产和供应业', words: ['热电', '新能源'], highRisk: false, employees: [60, 600] },
} as const satisfies Record<string, Industry>;

type IndustryKey = keyof typeof INDUSTRIES;

/** Enterprises per reporting unit, after the local industry (coal and aluminium in 河津, copper in 垣曲, fruit in 临猗 …). */
const ENTERPRISES: Readonly<Record<string, readonly IndustryKey[]>> = {
  '140802': ['chemicals', 'food', 'pharma', 'logistics'],
  '140821': ['food', 'machinery'],
  '140822': ['food', 'buildingMaterials'],
  '140823': ['steel', 'lightMetals', 'machinery'],
  '140824': ['coking', 'food'],
  '140825': ['coking', 'chemicals'],
  '140826': ['autoParts', 'buildingMaterials'],
  '140827': ['metalMining', 'power'],
  '140828': ['buildingMaterials', 'food'],
  '140829': ['metalMining', 'food'],
  '140830': ['power', 'pharma'],
  '140881': ['electrical', 'textiles', 'food'],
  '140882': ['coal', 'lightMetals', 'coking', 'power'],
  '140802404': ['pharma', 'electrical', 'logistics'],
};

/** Where the extra institutions are: a second private school in the larger units, enterprise centres, evaluation bodies. */
const EXTRA_PRIVATE_SCHOOLS = ['140802', '140821', '140881', '140882'];
const ENTERPRISE_CENTRES: ReadonlyArray<readonly [unitCode: string, industry: IndustryKey]> = [
  ['140802', 'chemicals'],
  ['140823', 'steel'],
  ['140882', 'lightMetals'],
  ['140802404', 'electrical'],
];
const EVALUATION_BODIES = ['140802', '140802', '140881'];

/** Trade names (字号); each organisation gets a different one. */
const TRADE_NAMES = [
  ...'新星 华夏 启航 金桥 晋南 河东 众诚 恒信 鑫源 博文 匠心 德馨 宏达 金泰 中条 黄河 盐池 华康 永盛 瑞丰 天聚 恒泰 金鼎 安泰 德润 弘远 嘉禾 祥和'.split(' '),
  ...'汇丰 龙腾 荣昌 盛世 东方 新华 宏图 银湖 鸿运 亿达 兴旺 蓝天 绿源 阳光 春晖 育才 卓越 明德 精诚 致远 聚贤 同心 和顺 万通 富源 泰和 锦程 腾飞'.split(' '),
  ...'长兴 昌盛 宏远 金海 华腾 瑞泽 凯达 润丰 天一 通达 利民 丰源 舜都 条山 涑水 凤凰'.split(' '),
];

const CAPACITY: Record<InstitutionKind, readonly [number, number]> = {
  technical_school: [300, 1200],
  vocational_college: [200, 1000],
  government_centre: [100, 500],
  private: [50, 300],
  enterprise_centre: [50, 400],
  evaluation: [100, 500],
};

/** Public bodies (事业单位) register with 机构编制 (1), category 事业单位 (2); others as noted in the file comment. */
const CATEGORY: Record<InstitutionKind | 'enterprise', string> = {
  enterprise: '91',
  enterprise_centre: '91',
  evaluation: '91',
  private: '52',
  technical_school: '12',
  vocational_college: '12',
  government_centre: '12',
};

/** ≥ 36 institutions and ≥ 30 enterprises covering all 14 reporting units; the same list for the same seed. */
export function demoOrganisations(seed: string): DemoOrg[] {
  const rng = createRng(`${seed}\u0000organisations`);
  const tradeNames = shuffled(rng, TRADE_NAMES);
  let nextTradeName = 0;
  const tradeName = (): string => tradeNames[nextTradeName++]!;
  const codes = creditCodeMaker(rng);
  const unit = (code: string): ReportingUnit => REPORTING_UNITS.find((u) => u.code === code)!;

  const contact = (): Pick<DemoOrg, 'contactName' | 'contactPhone'> => ({
    contactName: randomChineseName(rng, rng.next() < 0.5 ? 'M' : 'F'),
    contactPhone: randomMobile(rng),
  });
  const institution = (u: ReportingUnit, institutionKind: InstitutionKind, name: string, nameEn?: string): DemoOrg => ({
    creditCode: codes(CATEGORY[institutionKind], registrationDivision(u)),
    name,
    ...(nameEn === undefined ? {} : { nameEn }),
    kind: 'institution',
    institutionKind,
    ...(institutionKind === 'evaluation' ? {} : { admissionRoute: institutionKind === 'private' ? 'bidding' : 'review_filing' }),
    unitCode: u.code,
    capacity: Math.round(rng.int(...CAPACITY[institutionKind]) / 10) * 10,
    ...contact(),
  });
  const companyName = (u: ReportingUnit, industry: IndustryKey): string =>
    `${rng.pick(['山西', '山西运城', companyPlace(u)])}${tradeName()}${rng.pick(INDUSTRIES[industry].words)}有限公司`;

  const institutions: DemoOrg[] = [];
  REPORTING_UNITS.filter((u) => !u.isDevelopmentZone).forEach((u, i) => {
    const place = u.code === '140802' ? `运城市${u.name}` : u.name;
    institutions.push(
      i % 2 === 0
        ? institution(u, 'technical_school', `${place}技工学校`, `${u.nameEn} Technical School`)
        : institution(u, 'vocational_college', `${place}职业中学`, `${u.nameEn} Vocational Secondary School`),
      institution(u, 'government_centre', `${place}公共就业训练中心`, `${u.nameEn} Public Employment Training Centre`),
      institution(u, 'private', `${u.name}${tradeName()}职业培训学校`),
    );
  });
  const zone = REPORTING_UNITS.find((u) => u.isDevelopmentZone)!;
  institutions.push(institution(zone, 'private', `${zone.name}${tradeName()}职业培训学校`));
  for (const code of EXTRA_PRIVATE_SCHOOLS) institutions.push(institution(unit(code), 'private', `${unit(code).name}${tradeName()}职业培训学校`));
  for (const [code, industry] of ENTERPRISE_CENTRES) {
    const centre = institution(unit(code), 'enterprise_centre', `${companyName(unit(code), industry)}职工培训中心`);
    institutions.push({ ...centre, industry: INDUSTRIES[industry].name, highRisk: INDUSTRIES[industry].highRisk });
  }
  for (const code of EVALUATION_BODIES) institutions.push(institution(unit(code), 'evaluation', `运城${tradeName()}职业技能评价有限公司`));

  const enterprises: DemoOrg[] = REPORTING_UNITS.flatMap((u) =>
    ENTERPRISES[u.code]!.map((key): DemoOrg => {
      const industry: Industry = INDUSTRIES[key];
      return {
        creditCode: codes(CATEGORY.enterprise, registrationDivision(u)),
        name: companyName(u, key),
        kind: 'enterprise',
        industry: industry.name,
        highRisk: industry.highRisk,
        unitCode: u.code,
        employees: rng.int(...industry.employees),
        ...contact(),
      };
    }),
  );
  return [...institutions, ...enterprises];
}

/** The development zone has no county code of its own: its bodies register in 盐湖区. */
function registrationDivision(u: ReportingUnit): string {
  return u.isDevelopmentZone ? u.parentCode : u.code;
}

/** The place name in front of a company name: the county, or 运城 for the zone. */
function companyPlace(u: ReportingUnit): string {
  return u.isDevelopmentZone ? '运城' : u.name;
}

/**
 * Returns a function making credit codes with unique organisation codes. The 8-character organisation
 * code body is a category prefix plus the image of a per-category counter under an affine bijection,
 * written in the GB 32100 alphabet (base 31) or in decimal for the numeric codes of public bodies.
 */
function creditCodeMaker(rng: Rng): (category: string, division: string) => string {
  const formats: Record<string, { prefix: string; alphabet: string; length: number }> = {
    '91': { prefix: 'MA0', alphabet: USCC_CHARS, length: 5 },
    '52': { prefix: 'MJ', alphabet: USCC_CHARS, length: 6 },
    '12': { prefix: '4', alphabet: '0123456789', length: 7 },
  };
  const counters = new Map<string, number>();
  const maps = new Map<string, { a: number; c: number; m: number }>();
  return (category, division) => {
    const format = formats[category]!;
    const m = format.alphabet.length ** format.length;
    let map = maps.get(category);
    if (!map) {
      // m is a power of 31 or of 10: a multiplier coprime with m is one not divisible by 31, or by 2 and 5.
      let a = rng.int(Math.floor(m / 5), Math.floor((4 * m) / 5));
      while (format.alphabet.length === 31 ? a % 31 === 0 : a % 2 === 0 || a % 5 === 0) a++;
      map = { a, c: rng.int(0, m - 1), m };
      maps.set(category, map);
    }
    const n = counters.get(category) ?? 0;
    counters.set(category, n + 1);
    const orgBody = format.prefix + toBase((map.a * n + map.c) % m, format.alphabet, format.length);
    const body17 = category + division + orgBody + orgCodeCheckChar(orgBody);
    return body17 + creditCodeCheckChar(body17);
  };
}

function toBase(value: number, alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    text = alphabet[value % alphabet.length]! + text;
    value = Math.floor(value / alphabet.length);
  }
  return text;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
