import { describe, expect, it } from 'vitest';
import { parseLicences, validateOrgRow } from './orgRow.ts';

describe('organisation roster rows', () => {
  it('reads an institution row with Chinese kinds, unit names and licences', () => {
    const r = validateOrgRow('institution', {
      机构名称: '临猗县新星职业培训学校',
      统一社会信用代码: '52140800mjy123458y',
      机构类型: '民办培训机构',
      县区代码: '临猗县',
      '培训能力（人/年）': '600',
      联系人: '王老师',
      联系电话: '0359-4012345',
      '许可职业（工种）': '6-31-01-03 五级、四级；4-10-01-06：专项职业能力',
    });
    expect(r).toMatchObject({
      ok: true,
      value: { institutionKind: 'private', admissionRoute: 'bidding', unitCode: '140821', capacity: 600, licensedOccupations: [{ occupationCode: '6-31-01-03', levels: ['5', '4'] }, { occupationCode: '4-10-01-06', levels: ['special'] }] },
    });
  });

  it('names the columns of every problem', () => {
    const r = validateOrgRow('enterprise', { 企业名称: '', 统一社会信用代码: '91140802MA0K12348X', 县区代码: '北京', 所属行业: '', 联系人: '李', 联系电话: '123' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(new Set(r.problems.map((p) => p.field))).toEqual(new Set(['企业名称', '统一社会信用代码', '县区代码', '所属行业', '联系人', '联系电话']));
  });

  it('refuses an unknown level name', () => {
    expect(parseLicences('6-31-01-03 特级', 'x').problems).toEqual([expect.objectContaining({ code: 'ORG_OCCUPATION_LEVEL_INVALID', params: { value: '特级' } })]);
  });
});
