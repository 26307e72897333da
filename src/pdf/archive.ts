import { COLORS, createA4Layout, type PdfLayout, type TableColumn } from './layout.ts';

/**
 * The worker's 职业培训电子档案 (electronic vocational-training archive, seed §9; policy: every class,
 * attendance, result, certificate and subsidy) as a PDF. Everything in the view is display text,
 * already formatted by the caller; the ID and phone numbers are the masked ones and are printed as given.
 */
export type ArchiveView = {
  person: {
    name: string;
    gender: 'M' | 'F';
    birthDate: string;
    idNumberMasked: string;
    phoneMasked: string | null;
    unitName: string;
    townshipName: string | null;
    education: string | null;
    disability: boolean | null;
  };
  categories: { name: string; validFrom: string; validTo: string | null }[];
  classes: {
    className: string;
    occupation: string;
    level: string;
    institution: string;
    startDate: string;
    endDate: string;
    status: string;
    attendanceRate: string | null;
    hoursAttended: string | null;
  }[];
  results: { className: string; result: string; score: string | null; date: string }[];
  certificates: { number: string; type: string; occupation: string; level: string; issuer: string; issuedOn: string }[];
  subsidies: { item: string; amountYuan: string; fund: string; status: string; paidOn: string | null }[];
  generatedAt: string;
  generatedBy: string;
};

const NONE = '—';
const orNone = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? NONE : v);
const yesNo = (v: boolean | null) => (v === null ? NONE : v ? '是' : '否');

const SEQ: TableColumn = { header: '序号', width: 3.2, align: 'center' };

/** A section: its heading, then its table or a grey 暂无记录. */
function section(layout: PdfLayout, heading: string, columns: TableColumn[], rows: string[][]): void {
  layout.heading(heading);
  if (rows.length === 0) {
    layout.paragraph('暂无记录', { color: COLORS.muted, size: 10 });
    return;
  }
  layout.table([SEQ, ...columns], rows.map((row, i) => [String(i + 1), ...row]));
}

export async function renderArchivePdf(view: ArchiveView): Promise<Uint8Array> {
  const p = view.person;
  const layout = await createA4Layout({
    generatedAt: view.generatedAt,
    footerNote: `生成人：${view.generatedBy}`,
    runningHeader: `职业培训电子档案　姓名：${p.name}　身份证号：${p.idNumberMasked}`,
    title: `职业培训电子档案（${p.name}）`,
    subject: '运城市职业技能提升培训管理平台',
  });

  layout.title('职业培训电子档案', '运城市职业技能提升培训管理平台');

  layout.heading('一、基本信息');
  layout.keyValueGrid([
    ['姓名', p.name],
    ['性别', p.gender === 'M' ? '男' : '女'],
    ['出生日期', p.birthDate],
    ['身份证号', p.idNumberMasked],
    ['手机号', orNone(p.phoneMasked)],
    ['文化程度', orNone(p.education)],
    ['所属县（市、区）', p.unitName],
    ['乡镇（街道）', orNone(p.townshipName)],
    ['是否残疾人', yesNo(p.disability)],
  ]);
  layout.space(4);
  layout.paragraph('注：身份证号、手机号已按规定脱敏显示。', { size: 8.5, color: COLORS.muted });

  section(
    layout,
    '二、人员类别',
    [
      { header: '人员类别', width: 24 },
      { header: '生效日期', width: 10, align: 'center' },
      { header: '失效日期', width: 10, align: 'center' },
    ],
    view.categories.map((c) => [c.name, c.validFrom, orNone(c.validTo)]),
  );

  section(
    layout,
    '三、培训记录',
    [
      { header: '培训班名称', width: 16 },
      { header: '职业（工种）及等级', width: 11 },
      { header: '培训机构', width: 12 },
      { header: '开班日期', width: 8.6, align: 'center' },
      { header: '结业日期', width: 8.6, align: 'center' },
      { header: '状态', width: 6, align: 'center' },
      { header: '出勤率', width: 6, align: 'right' },
      { header: '学时', width: 5, align: 'right' },
    ],
    view.classes.map((c) => [
      c.className,
      `${c.occupation}（${c.level}）`,
      c.institution,
      c.startDate,
      c.endDate,
      c.status,
      orNone(c.attendanceRate),
      orNone(c.hoursAttended),
    ]),
  );

  section(
    layout,
    '四、考核结果',
    [
      { header: '培训班名称', width: 26 },
      { header: '考核结果', width: 8, align: 'center' },
      { header: '成绩', width: 6, align: 'right' },
      { header: '考核日期', width: 9, align: 'center' },
    ],
    view.results.map((r) => [r.className, r.result, orNone(r.score), r.date]),
  );

  section(
    layout,
    '五、证书',
    [
      { header: '证书编号', width: 17 },
      { header: '证书类型', width: 10 },
      { header: '职业（工种）', width: 10 },
      { header: '等级', width: 9, align: 'center' },
      { header: '发证机构', width: 12 },
      { header: '发证日期', width: 8.6, align: 'center' },
    ],
    view.certificates.map((c) => [c.number, c.type, c.occupation, c.level, c.issuer, c.issuedOn]),
  );

  section(
    layout,
    '六、补贴',
    [
      { header: '补贴项目', width: 22 },
      { header: '金额（元）', width: 9, align: 'right' },
      { header: '资金来源', width: 14 },
      { header: '状态', width: 8, align: 'center' },
      { header: '发放日期', width: 9, align: 'center' },
    ],
    view.subsidies.map((s) => [s.item, s.amountYuan, s.fund, s.status, orNone(s.paidOn)]),
  );

  // Closes the record, as on paper, so nothing can be added below it.
  layout.space(10);
  layout.paragraph('（以下空白）', { size: 9, color: COLORS.muted, align: 'center' });

  return layout.save();
}
