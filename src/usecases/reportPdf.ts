import { renderOfficialTablePdf, type OfficialTableColumn } from '../pdf/officialTable.ts';
import type { makeReports, Measures } from './reports.ts';

type Report = Awaited<ReturnType<ReturnType<typeof makeReports>['compute']>>;
export type ReportStatus = { frozenAt: string | null; frozenBy: string | null; approvedAt: string | null };

const KIND_NAMES = { monthly: '月报', quarterly: '季报', annual: '年报' } as const;

/** Integer fen as yuan with thousands separators and two decimals (integer arithmetic only). */
export function yuanText(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const cents = String(abs % 100).padStart(2, '0');
  const whole = String((abs - (abs % 100)) / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${whole}.${cents}`;
}
const count = (n: number) => n.toLocaleString('en-US');
const rateText = (perMille: number | null) => (perMille === null ? '—' : `${Math.floor(perMille / 10)}.${perMille % 10}%`);
/** Asia/Shanghai wall time of an ISO instant, `2020-07-05 10:00`. */
function beijing(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function reportTitle(r: Pick<Report, 'unitName' | 'kind' | 'period'>): string {
  return `${r.unitName}职业技能培训${KIND_NAMES[r.kind]}（${r.period.label}）`;
}

const MEASURE_COLUMNS: OfficialTableColumn[] = [
  { header: '培训人次', width: 5 },
  { header: '培训人数', width: 5 },
  { header: '结业人次', width: 5 },
  { header: '取证人次', width: 5 },
  { header: '享受补贴人数', width: 5.5 },
  { header: '就业补助资金（元）', width: 8 },
  { header: '职业技能提升专账（元）', width: 8 },
  { header: '地方人才经费（元）', width: 7 },
  { header: '行业产业发展经费（元）', width: 7 },
  { header: '生活费补贴（元）', width: 7 },
  { header: '就业人次', width: 5 },
  { header: '就业率（不含在岗职工）', width: 6 },
];

function measureCells(m: Measures): string[] {
  return [
    count(m.trainings),
    count(m.people),
    count(m.completed),
    count(m.certificates),
    count(m.subsidisedPeople),
    yuanText(m.paidFen.employment_subsidy),
    yuanText(m.paidFen.skills_account),
    yuanText(m.paidFen.local_talent),
    yuanText(m.paidFen.industry_development),
    yuanText(m.livingAllowanceFen),
    count(m.employed),
    rateText(m.employmentBase ? m.employmentRatePerMille : null),
  ];
}

/**
 * The report as an official table on A4 landscape (四(一) 月报、季报、年报): title, 填报单位, period and basis,
 * 制表时间, the units × measures with 合计 and the target, then person category, training type and certificate;
 * the status (实时计算 / 已冻结 / 已审定) on every page.
 */
export function renderReportPdf(r: Report, status: ReportStatus, printedAt: string): Promise<Uint8Array> {
  const statusText = status.approvedAt ? '已审定' : status.frozenAt ? '已冻结' : '实时计算';
  const section = (heading: string, first: string, rows: { name: string; m: Measures }[]) => ({
    heading,
    columns: [{ header: first, width: 11, align: 'left' as const }, ...MEASURE_COLUMNS],
    rows: rows.map((x) => [x.name, ...measureCells(x.m)]),
    empty: '本期无数据',
  });
  const unitSection = {
    heading: '一、分县（市、区）完成情况',
    columns: [{ header: '县（市、区）', width: 8, align: 'left' as const }, ...MEASURE_COLUMNS, { header: '年度目标（人次）', width: 5.5 }, { header: '年初至今（人次）', width: 5.5 }, { header: '完成进度', width: 5 }],
    rows: r.units.map((u) => [u.unitName, ...measureCells(u), u.target === null ? '—' : count(u.target), count(u.ytdTrainings), rateText(u.targetPerMille)]),
    total: ['合计', ...measureCells(r.total), r.total.target === null ? '—' : count(r.total.target), count(r.total.ytdTrainings), rateText(r.total.targetPerMille)],
  };
  const stateLine = status.approvedAt
    ? `状态：已审定（冻结 ${beijing(status.frozenAt!)}${status.frozenBy ? `，${status.frozenBy}` : ''}；审定 ${beijing(status.approvedAt)}）`
    : status.frozenAt
      ? `状态：已冻结（${beijing(status.frozenAt)}${status.frozenBy ? `，${status.frozenBy}` : ''}），待审定`
      : '状态：实时计算（未冻结，数据可能随新记录变化）';
  return renderOfficialTablePdf({
    docTitle: reportTitle(r),
    title: reportTitle(r),
    status: statusText,
    metaLeft: [
      `填报单位：${r.unitName}人力资源和社会保障局`,
      `统计期：${r.period.from} 至 ${r.period.to}（${r.basis === 'day21' ? '上月21日至本月20日' : '自然月'}口径，按结业日期）`,
    ],
    metaRight: [`制表时间：${beijing(status.frozenAt ?? r.generatedAt)}`, stateLine],
    sections: [
      unitSection,
      section('二、按人员类别（一人多类别时分别计入）', '人员类别', r.byCategory.map((x) => ({ name: x.name, m: x }))),
      section('三、按培训类型', '培训类型', r.byTrainingType.map((x) => ({ name: x.name, m: x }))),
      section('四、按证书类型和等级', '证书类型（等级）', r.byCertificate.map((x) => ({ name: x.name, m: x }))),
    ],
    notes: [
      `说明：1. 培训人次按结业的培训班统计，一人参加多期计多人次；培训人数为去重后的人数。2. 就业以结业后 ${r.employmentMonths} 个月内有就业参保记录计，就业率 = 就业人次 ÷（结业人次 − 企业在岗职工），不含企业在岗职工（目标任务：不低于 ${r.employmentRateTargetPercent}%）。3. 资金为已拨付且未冲销的补贴金额，单位：元。4. 完成进度 = 年初至今培训人次 ÷ 年度目标。`,
    ],
    footer: `运城市职业技能提升培训管理平台　打印时间：${beijing(printedAt)}`,
  });
}
