import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import type { XlsxOutput } from '../import/xlsx-write.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A download header that keeps the Chinese file name (RFC 6266 filename*) with an ASCII fallback. */
export function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Writes a workbook to a scratch file under the data folder and sends it as a download; the file is removed. */
export async function sendXlsx(reply: FastifyReply, dataDir: string, write: (out: XlsxOutput) => Promise<string>) {
  const file = path.join(dataDir, 'tmp', `xlsx-${randomUUID()}.xlsx`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    const fileName = await write({ path: file });
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(fileName)).send(fs.readFileSync(file));
  } finally {
    fs.rmSync(file, { force: true });
  }
}
