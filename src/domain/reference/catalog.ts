/**
 * Programme reference data from policy.md (运政办发〔2020〕14号). Each entry names the clause it comes
 * from ("§" + item number of part 三; "§保障" for part 四). Codes are stable identifiers used by
 * rules, imports and reports; names are what officials read.
 */
export type RefEntry = { code: string; name: string; nameEn: string; clause: string | null };

/** Skill levels (policy.md "Catalog"; domain-facts §4.1). rank 0 = 专项职业能力 (no level). */
export const SKILL_LEVELS: readonly (RefEntry & { rank: number })[] = [
  { code: 'special', name: '专项职业能力', nameEn: 'Special vocational ability', rank: 0, clause: '§15' },
  { code: '5', name: '五级/初级工', nameEn: 'Level 5 / Junior worker', rank: 5, clause: '§15' },
  { code: '4', name: '四级/中级工', nameEn: 'Level 4 / Intermediate worker', rank: 4, clause: '§15' },
  { code: '3', name: '三级/高级工', nameEn: 'Level 3 / Senior worker', rank: 3, clause: '§15' },
  { code: '2', name: '二级/技师', nameEn: 'Level 2 / Technician', rank: 2, clause: '§15' },
  { code: '1', name: '一级/高级技师', nameEn: 'Level 1 / Senior technician', rank: 1, clause: '§15' },
];

export const TRAINING_TYPES: readonly RefEntry[] = [
  { code: 'pre_job', name: '岗前培训', nameEn: 'Pre-job training', clause: '§1, §13' },
  { code: 'on_job', name: '在岗培训', nameEn: 'On-the-job training', clause: '§1' },
  { code: 'off_job', name: '脱产培训', nameEn: 'Off-the-job training', clause: '§1' },
  { code: 'job_transfer', name: '转岗转业培训', nameEn: 'Job-transfer training', clause: '§1, §13' },
  { code: 'safety_skill', name: '安全技能培训', nameEn: 'Safety skills training', clause: '§1, §13' },
  { code: 'employment_skill', name: '就业技能培训', nameEn: 'Employment skills training', clause: '§2, §14' },
  { code: 'skill_upgrade', name: '职业技能提升培训', nameEn: 'Skills upgrading training', clause: '§2, §14' },
  { code: 'entrepreneurship', name: '创业培训', nameEn: 'Entrepreneurship training', clause: '§2' },
  { code: 'labour_preparation', name: '劳动预备培训', nameEn: 'Labour preparation training', clause: '§2, §14' },
  { code: 'new_apprenticeship', name: '企业新型学徒制', nameEn: 'New enterprise apprenticeship', clause: '§1' },
  { code: 'high_skill', name: '高技能人才培训', nameEn: 'High-skill talent training', clause: '§1, §5' },
];

export const PERSON_CATEGORIES: readonly RefEntry[] = [
  { code: 'enterprise_employee', name: '企业职工', nameEn: 'Enterprise employee', clause: '§1, §13' },
  { code: 'rural_migrant', name: '农村转移就业劳动者/新生代农民工', nameEn: 'Rural migrant worker', clause: '§2, §14' },
  { code: 'two_after', name: '“两后生”（未继续升学的初高中毕业生）', nameEn: 'School leaver not continuing education', clause: '§2, §14' },
  { code: 'college_graduate', name: '高校毕业生', nameEn: 'College graduate', clause: '§2, §14' },
  { code: 'laid_off', name: '下岗失业人员', nameEn: 'Laid-off or unemployed person', clause: '§2, §14' },
  { code: 'employment_difficulty', name: '就业困难人员（含残疾人）', nameEn: 'Person with employment difficulty (incl. disabled)', clause: '§2, §14' },
  { code: 'registered_poor', name: '建档立卡贫困劳动力', nameEn: 'Registered poor labourer', clause: '§3' },
  { code: 'veteran', name: '退役军人', nameEn: 'Veteran', clause: '§保障(二)' },
  { code: 'inmate', name: '服刑人员/强制隔离戒毒人员', nameEn: 'Inmate or person in compulsory rehabilitation', clause: '§保障(二)' },
  { code: 'professional_farmer', name: '职业农民', nameEn: 'Professional farmer', clause: '§保障(二)' },
];

export const FUND_SOURCES: readonly RefEntry[] = [
  { code: 'employment_subsidy', name: '就业补助资金', nameEn: 'Employment subsidy fund', clause: '§3, §16' },
  { code: 'skills_account', name: '职业技能提升行动专账（失业保险基金结余）', nameEn: 'Skills upgrading special account (unemployment-insurance surplus)', clause: '§16' },
  { code: 'local_talent', name: '地方人才经费', nameEn: 'Local talent fund', clause: '§16' },
  { code: 'industry_development', name: '行业产业发展经费', nameEn: 'Industry development fund', clause: '§16' },
];

export const CERTIFICATE_TYPES: readonly RefEntry[] = [
  { code: 'special_ability', name: '专项职业能力证书', nameEn: 'Special vocational ability certificate', clause: '§10, §15' },
  { code: 'skill_level', name: '职业技能等级证书', nameEn: 'Vocational skill level certificate', clause: '§10, §15' },
  { code: 'qualification', name: '职业资格证书', nameEn: 'Vocational qualification certificate', clause: '§10, §15' },
  { code: 'training_completion', name: '培训合格证书', nameEn: 'Training completion certificate', clause: '§9' },
];

/**
 * Occupations (职业分类大典 2015). `verified` follows domain-facts §5: only [V] codes are verified;
 * the others are the market-demand occupations named in seed §8, kept editable by the city office.
 */
export const OCCUPATIONS: readonly { code: string; name: string; verified: boolean; source: string }[] = [
  { code: '4-10-01-06', name: '家政服务员', verified: true, source: 'domain-facts §5 [V]; seed §8 家政' },
  { code: '6-31-01-03', name: '电工', verified: true, source: 'domain-facts §5 [V]; seed §8 电工' },
  { code: '6-18-02-04', name: '焊工', verified: true, source: 'domain-facts §5 [V]' },
  { code: '4-03-02-01', name: '中式烹调师', verified: true, source: 'domain-facts §5 [V]' },
  { code: '5-05-01-00', name: '农业技术员', verified: true, source: 'domain-facts §5 [V]' },
  { code: '6-20-03-03', name: '焊接材料制造工', verified: true, source: 'domain-facts §5 [V]' },
  { code: '4-10-01-05', name: '养老护理员', verified: false, source: 'domain-facts §5 [U]; seed §8 养老服务' },
  { code: '4-10-01-02', name: '育婴员', verified: false, source: 'domain-facts §5 [U]; seed §8 托幼' },
  { code: '4-10-01-01', name: '保育员', verified: false, source: 'domain-facts §5 [U]; seed §8 托幼' },
  { code: '4-07-05-01', name: '保安员', verified: false, source: 'domain-facts §5 [P]; seed §8 保安' },
  { code: '4-01-02-02', name: '电子商务师', verified: false, source: 'domain-facts §5 [U]; seed §8 电商' },
  { code: '4-12-01-01', name: '汽车维修工', verified: false, source: 'domain-facts §5 [U]; seed §8 汽修' },
  { code: '4-03-02-02', name: '中式面点师', verified: false, source: 'domain-facts §5 [U]' },
  { code: '4-10-03-01', name: '美容师', verified: false, source: 'domain-facts §5 [U]' },
  { code: '4-10-03-02', name: '美发师', verified: false, source: 'domain-facts §5 [U]' },
  { code: '4-14-02-02', name: '健康管理师', verified: false, source: 'domain-facts §5 [U]' },
];
