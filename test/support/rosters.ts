import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import fs from 'node:fs';
import { demoWorkers } from '../../src/domain/demo/workers.ts';
import { idCheckChar } from '../../src/domain/identity/idNumber.ts';
import { WORKER_COLUMNS } from '../../src/domain/registry/worker.ts';

export const HEADERS = WORKER_COLUMNS.map((c) => c.header);
export type RosterRow = Record<string, string>;

/** Plausible roster rows from the demo generator (a seed of their own). */
export function rosterRows(count: number, seed = 'roster'): RosterRow[] {
  return [...demoWorkers(seed, count, '2020-07-01')].map((w, i) => ({
    姓名: w.name,
    公民身份号码: w.idNumber,
    手机号码: w.phone,
    县区代码: w.unitCode,
    '乡镇（街道）': '',
    人员类别: i % 3 === 0 ? '建档立卡贫困劳动力、农村转移就业劳动者' : i % 3 === 1 ? '高校毕业生' : '',
    文化程度: '初中',
    是否残疾: '否',
    性别: '',
    出生日期: '',
  }));
}

export async function writeXlsx(file: string, rows: readonly RosterRow[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(HEADERS.map((h) => r[h] ?? ''));
  // ID and phone columns as text, as the template does.
  ws.getColumn(2).numFmt = '@';
  ws.getColumn(3).numFmt = '@';
  await wb.xlsx.writeFile(file);
}

export function writeCsv(file: string, rows: readonly RosterRow[], encoding: 'utf-8' | 'gbk'): void {
  const esc = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = [HEADERS.join(','), ...rows.map((r) => HEADERS.map((h) => esc(r[h] ?? '')).join(','))].join('\r\n') + '\r\n';
  fs.writeFileSync(file, encoding === 'gbk' ? iconv.encode(text, 'gbk') : text);
}

/** Replace the birth date of an ID number, keeping the check character right. */
export function withBirthDate(id: string, yyyymmdd: string): string {
  const body = id.slice(0, 6) + yyyymmdd + id.slice(14, 17);
  return body + idCheckChar(body);
}

/** A wrong check character. */
export function withBadCheck(id: string): string {
  const right = id[17]!;
  const wrong = right === '0' ? '1' : '0';
  return id.slice(0, 17) + wrong;
}
