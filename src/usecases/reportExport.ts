import type ExcelJS from 'exceljs';
import { writeWorkbook, type XlsxOutput } from '../import/xlsx-write.ts';
import type { makeReports, Measures } from './reports.ts';

type Report = Awaited<ReturnType<ReturnType<typeof makeReports>['compute']>>;

const yuan = (fen: number) => fen / 100;
const rate = (perMille: number | null) => (perMille === null ? '' : `${(perMille / 10).toFixed(1)}%`);

const MEASURE_HEADERS = ['培训人次', '培训人数', '结业人次', '取证人次', '享受补贴人数', '就业补助资金（元）', '职业技能提升专账（元）', '其他资金（元）', '生活费补贴（元）', '就业人次', '就业率（不含在岗职工）'];

function measureCells(m: Measures) {
  return [
    m.trainings,
    m.people,
    m.completed,
    m.certificates,
    m.subsidisedPeople,
    yuan(m.paidFen.employment_subsidy),
    yuan(m.paidFen.skills_account),
    yuan(m.paidFen.local_talent + m.paidFen.industry_development),
    yuan(m.livingAllowanceFen),
    m.employed,
    rate(m.employmentBase ? m.employmentRatePerMille : null),
  ];
}

function table(ws: ExcelJS.Worksheet, title: string, first: string, extra: string[], rows: { label: string; m: Measures; extra: (string | number)[] }[], total?: { m: Measures; extra: (string | number)[] }) {
  const t = ws.addRow([title]);
  t.font = { bold: true };
  const h = ws.addRow([first, ...MEASURE_HEADERS, ...extra]);
  h.font = { bold: true };
  h.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  for (const r of rows) {
    const row = ws.addRow([r.label, ...measureCells(r.m), ...r.extra]);
    for (const c of [7, 8, 9, 10]) row.getCell(c).numFmt = '#,##0.00';
  }
  if (total) {
    const row = ws.addRow(['合计', ...measureCells(total.m), ...total.extra]);
    row.font = { bold: true };
    for (const c of [7, 8, 9, 10]) row.getCell(c).numFmt = '#,##0.00';
  }
  ws.addRow([]);
}

/** The report laid out as an official table: title, units × measures with the target, then the breakdowns. */
export async function writeReportXlsx(r: Report, out: XlsxOutput): Promise<void> {
  await writeWorkbook(out, { useSharedStrings: true }, async (wb) => {
    const ws = wb.addWorksheet('报表') as unknown as ExcelJS.Worksheet;
    ws.columns = [{ width: 26 }, ...Array.from({ length: 14 }, () => ({ width: 13 }))];
    const title = ws.addRow([`${r.unitName}职业技能提升培训${r.period.label}${r.kind === 'monthly' ? '月报' : r.kind === 'quarterly' ? '季报' : '年报'}`]);
    title.font = { bold: true, size: 16 };
    ws.mergeCells(1, 1, 1, 15);
    title.alignment = { horizontal: 'center' };
    ws.addRow([`统计期：${r.period.from} 至 ${r.period.to}（按结业日期）；就业以结业后 ${r.employmentMonths} 个月内有就业参保记录计；生成时间 ${r.generatedAt}`]);
    ws.addRow([]);
    table(
      ws,
      '一、分县区完成情况',
      '县（市、区）',
      ['年度目标（人次）', '年初至今（人次）', '完成进度'],
      r.units.map((u) => ({ label: u.unitName, m: u, extra: [u.target ?? '', u.ytdTrainings, rate(u.targetPerMille)] })),
      { m: r.total, extra: [r.total.target ?? '', r.total.ytdTrainings, rate(r.total.targetPerMille)] },
    );
    table(ws, '二、按人员类别（一人多类别时分别计入）', '人员类别', [], r.byCategory.map((x) => ({ label: x.name, m: x, extra: [] })));
    table(ws, '三、按培训类型', '培训类型', [], r.byTrainingType.map((x) => ({ label: x.name, m: x, extra: [] })));
    table(ws, '四、按证书类型和等级', '证书', [], r.byCertificate.map((x) => ({ label: x.name, m: x, extra: [] })));
    (ws as unknown as { commit?: () => void }).commit?.();
  });
}
