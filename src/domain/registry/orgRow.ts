/**
 * Rows of the institution and enterprise rosters: the Chinese columns of the import templates mapped
 * onto validateOrganisation, with problems named by those columns.
 */
import { INSTITUTION_KINDS, SKILL_LEVEL_CODES, validateOrganisation, type NormalizedEnterprise, type NormalizedInstitution } from './organisation.ts';
import { problem, type Problem } from './problems.ts';
import { resolveReportingUnit } from './worker.ts';

export const INSTITUTION_COLUMNS = [
  { header: '机构名称', required: true },
  { header: '统一社会信用代码', required: true },
  { header: '机构类型', required: true },
  { header: '县区代码', required: true },
  { header: '培训能力（人/年）', required: false },
  { header: '联系人', required: true },
  { header: '联系电话', required: true },
  { header: '许可职业（工种）', required: false },
] as const;

export const ENTERPRISE_COLUMNS = [
  { header: '企业名称', required: true },
  { header: '统一社会信用代码', required: true },
  { header: '县区代码', required: true },
  { header: '所属行业', required: true },
  { header: '职工人数', required: false },
  { header: '联系人', required: true },
  { header: '联系电话', required: true },
] as const;

const LEVEL_NAMES: Readonly<Record<string, string>> = {
  专项职业能力: 'special',
  专项: 'special',
  五级: '5',
  初级工: '5',
  初级: '5',
  四级: '4',
  中级工: '4',
  中级: '4',
  三级: '3',
  高级工: '3',
  高级: '3',
  二级: '2',
  技师: '2',
  一级: '1',
  高级技师: '1',
};

/** "6-31-01-03 五级、四级；4-10-01-06 专项职业能力" → [{ occupationCode, levels }]; unknown parts → problems. */
export function parseLicences(text: string, field: string): { licences: { occupationCode: string; levels: string[] }[]; problems: Problem[] } {
  const licences: { occupationCode: string; levels: string[] }[] = [];
  const problems: Problem[] = [];
  for (const part of text.split(/[;；\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d-\d{2}-\d{2}-\d{2})\s*[:：]?\s*(.*)$/.exec(part);
    if (!m) {
      problems.push(problem(field, 'ORG_OCCUPATION_CODE_INVALID', { value: part.slice(0, 40) }));
      continue;
    }
    const levels: string[] = [];
    for (const name of m[2]!.split(/[、,，/\s]+/).filter(Boolean)) {
      const code = LEVEL_NAMES[name.replace(/^[（(]|[)）]$/g, '')] ?? ((SKILL_LEVEL_CODES as readonly string[]).includes(name) ? name : undefined);
      if (code) levels.push(code);
      else problems.push(problem(field, 'ORG_OCCUPATION_LEVEL_INVALID', { value: name }));
    }
    licences.push({ occupationCode: m[1]!, levels });
  }
  return { licences, problems };
}

const KIND_BY_NAME: ReadonlyMap<string, string> = new Map(INSTITUTION_KINDS.flatMap((k) => [[k.name, k.code] as const, [k.code, k.code] as const]));

const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  name: '名称',
  creditCode: '统一社会信用代码',
  institutionKind: '机构类型',
  unitCode: '县区代码',
  capacity: '培训能力（人/年）',
  contacts: '联系人',
  industry: '所属行业',
  employees: '职工人数',
  licensedOccupations: '许可职业（工种）',
};

function columnOf(field: string, kind: 'institution' | 'enterprise'): string {
  if (field === 'name') return kind === 'institution' ? '机构名称' : '企业名称';
  if (/^contacts\.\d+\.phone$/.test(field)) return '联系电话';
  return FIELD_COLUMNS[field.split('.')[0]!] ?? field;
}

function count(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) ? Number(t) : t;
}

/** One institution or enterprise row → the same validation as the form, problems named by column. */
export function validateOrgRow(
  kind: 'institution' | 'enterprise',
  row: Readonly<Record<string, string>>,
): { ok: true; value: NormalizedInstitution | NormalizedEnterprise } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const unitText = (row['县区代码'] ?? '').trim();
  const unit = unitText === '' ? undefined : resolveReportingUnit(unitText);
  const input: Record<string, unknown> = {
    name: row[kind === 'institution' ? '机构名称' : '企业名称'] ?? '',
    creditCode: (row['统一社会信用代码'] ?? '').toUpperCase(),
    unitCode: unit?.code ?? unitText,
    contacts: [{ name: row['联系人'] ?? '', phone: row['联系电话'] ?? '' }],
  };
  if (kind === 'institution') {
    const kindText = (row['机构类型'] ?? '').trim();
    input.institutionKind = KIND_BY_NAME.get(kindText) ?? kindText;
    input.capacity = count(row['培训能力（人/年）'] ?? '');
    const lic = parseLicences(row['许可职业（工种）'] ?? '', '许可职业（工种）');
    problems.push(...lic.problems);
    input.licensedOccupations = lic.licences;
  } else {
    input.industry = row['所属行业'] ?? '';
    input.employees = count(row['职工人数'] ?? '');
  }
  const r = validateOrganisation(kind, input);
  if (!r.ok) problems.push(...r.problems.map((p) => ({ ...p, field: columnOf(p.field, kind) })));
  if (problems.length > 0 || !r.ok) return { ok: false, problems };
  return { ok: true, value: r.value };
}
