import { EDUCATION_LEVELS, WORKER_COLUMNS } from '../../domain/registry/worker.ts';
import { PERSON_CATEGORIES } from '../../domain/reference/catalog.ts';
import { REPORTING_UNITS } from '../../domain/identity/divisions.ts';
import { INSTITUTION_KINDS } from '../../domain/registry/organisation.ts';
import { ENTERPRISE_COLUMNS, INSTITUTION_COLUMNS } from '../../domain/registry/orgRow.ts';
import type { TemplateSpec } from '../../import/template.ts';

const NOTES: Record<string, { note: string; example: string; text?: boolean; width?: number }> = {
  姓名: { note: '与身份证一致，2–30 个字；少数民族姓名中间用“·”', example: '王晓燕' },
  公民身份号码: { note: '18 位公民身份号码（15 位旧号自动升位）；本列已设为文本格式，请勿改为数字', example: '140802198506151230', text: true, width: 22 },
  手机号码: { note: '11 位大陆手机号码', example: '13835912345', text: true, width: 14 },
  县区代码: { note: `县区代码或名称，如 140821 或 临猗县；开发区填 140802404 或 运城开发区`, example: '140802', text: true, width: 14 },
  '乡镇（街道）': { note: '乡镇（街道）代码或名称，可不填', example: '解州镇', width: 14 },
  人员类别: { note: `多个类别用“、”分隔：${PERSON_CATEGORIES.map((c) => c.name).join('、')}`, example: '建档立卡贫困劳动力、农村转移就业劳动者/新生代农民工', width: 30 },
  文化程度: { note: EDUCATION_LEVELS.map((e) => e.name).join('、'), example: '初中' },
  是否残疾: { note: '是 / 否', example: '否' },
  性别: { note: '可不填；填写时须与身份证号一致', example: '男' },
  出生日期: { note: '可不填；填写时须与身份证号一致，格式 1985-06-15', example: '1985-06-15', text: true },
};

/** The worker roster template (花名册): stable Chinese headers offices build their spreadsheets on. */
export const WORKER_TEMPLATE: TemplateSpec = {
  sheetName: '劳动者花名册',
  columns: WORKER_COLUMNS.map((c) => ({ header: c.header, required: c.required, ...NOTES[c.header]! })),
  instructions: [
    '运城市职业技能提升培训管理平台 · 劳动者实名制花名册导入模板',
    '1. 带 * 的列为必填；列名请勿修改，可增加其他列（导入时忽略）。',
    '2. 第 2 行为示例（以“示例”开头），导入时自动跳过，可保留或删除。',
    '3. 公民身份号码、手机号码列已设为文本格式；从其他表格粘贴时请选择“只粘贴数值”，避免号码变成 1.40802E+17。',
    `4. 县区代码：${REPORTING_UNITS.map((u) => `${u.code} ${u.name}`).join('；')}。`,
    '5. 同一公民身份号码在文件中只能出现一次；已登记的人员若姓名一致则不重复入库，仅补充人员类别。',
    '6. 导入后可下载“未通过的行”报告，按原因修改后只需重新导入这些行。',
    '7. 支持 .xlsx 和 .csv（UTF-8 或 GBK/GB18030 编码）。',
  ],
};

/** A category list (e.g. 建档立卡贫困劳动力名单): adds category periods to registered people. */
export const CATEGORY_LIST_TEMPLATE: TemplateSpec = {
  sheetName: '人员类别名单',
  columns: [
    { header: '姓名', required: true, note: '与实名登记一致', example: '王晓燕' },
    { header: '公民身份号码', required: true, note: '18 位公民身份号码；本列已设为文本格式', example: '140821199202292468', text: true, width: 22 },
    { header: '人员类别', required: true, note: NOTES['人员类别']!.note, example: '建档立卡贫困劳动力', width: 30 },
    { header: '起始日期', required: false, note: '不填则为导入时选择的起始日期', example: '2020-01-01', text: true },
    { header: '截止日期', required: false, note: '不填表示长期有效', example: '2020-12-31', text: true },
  ],
  instructions: [
    '运城市职业技能提升培训管理平台 · 人员类别名单导入模板（如建档立卡贫困劳动力名单、登记失业人员名单）',
    '1. 名单中的人员须已实名登记（先导入劳动者花名册）；姓名须与登记一致。',
    '2. 同一人员同一类别在起始日期已有效的，不重复登记；与已登记有效期交叉的，请核对后再导入。',
    '3. 资格按培训班开班日期判断，请如实填写起止日期。',
  ],
};

const ORG_NOTES: Record<string, { note: string; example: string; text?: boolean; width?: number }> = {
  机构名称: { note: '与营业执照或登记证书一致', example: '临猗县新星职业培训学校', width: 28 },
  企业名称: { note: '与营业执照一致', example: '山西运城某某煤业有限公司', width: 28 },
  统一社会信用代码: { note: '18 位统一社会信用代码（GB 32100）', example: '52140800MJY123458Y', text: true, width: 22 },
  机构类型: { note: INSTITUTION_KINDS.map((k) => k.name).join('、'), example: '民办培训机构', width: 14 },
  县区代码: { note: '县区代码或名称，如 140821 或 临猗县', example: '临猗县', text: true, width: 14 },
  '培训能力（人/年）': { note: '每年可培训人数', example: '600' },
  所属行业: { note: '国民经济行业名称；采矿、煤炭、化工、危险化学品、冶金、烟花爆竹、建筑施工等高危行业自动标记（§1）', example: '煤炭开采和洗选业', width: 18 },
  职工人数: { note: '在岗职工人数', example: '850' },
  联系人: { note: '联系人姓名', example: '王老师' },
  联系电话: { note: '手机号码或带区号的固定电话，如 0359-2345678', example: '0359-2345678', text: true, width: 16 },
  '许可职业（工种）': { note: '职业编码加等级，多个用“；”分隔，如 6-31-01-03 五级、四级；4-10-01-06 专项职业能力（§6）', example: '6-31-01-03 五级、四级', width: 36 },
};

export const INSTITUTION_TEMPLATE: TemplateSpec = {
  sheetName: '培训机构名册',
  columns: INSTITUTION_COLUMNS.map((c) => ({ header: c.header, required: c.required, ...ORG_NOTES[c.header]! })),
  instructions: [
    '运城市职业技能提升培训管理平台 · 培训和评价机构名册导入模板',
    '1. 企业培训中心、职业院校、技工院校、政府培训中心按审核备案纳入，民办培训机构经招投标确定资格（§12）。',
    '2. 培训机构只能在许可的职业（工种）范围内开班（§6）。',
    '3. 已登记的统一社会信用代码不重复登记。',
  ],
};

export const ENTERPRISE_TEMPLATE: TemplateSpec = {
  sheetName: '企业名册',
  columns: ENTERPRISE_COLUMNS.map((c) => ({ header: c.header, required: c.required, ...ORG_NOTES[c.header]! })),
  instructions: ['运城市职业技能提升培训管理平台 · 企业名册导入模板', '1. 已登记的统一社会信用代码不重复登记。', '2. 职工教育经费在企业详情页按年度填报（§13）。'],
};
