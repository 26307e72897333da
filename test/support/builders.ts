import { randomUUID } from 'node:crypto';
import { creditCodeCheckChar, orgCodeCheckChar } from '../../src/domain/identity/creditCode.ts';
import { idCheckChar, maskIdNumber } from '../../src/domain/identity/idNumber.ts';
import type { TestApp } from './app.ts';

let seq = 100;

/** A valid ID number born on `birth` (YYYYMMDD) in `county`, with a fresh sequence code. */
export function idNumberFor(county = '140802', birth = '19850615'): string {
  const body = `${county}${birth}${String(seq++ % 1000).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

export async function insertWorker(t: TestApp, opts: { unitCode?: string; name?: string; idNumber?: string } = {}) {
  const unitCode = opts.unitCode ?? '140802';
  const county = unitCode.slice(0, 6);
  const idNumber = opts.idNumber ?? idNumberFor(county);
  const id = randomUUID();
  await t.database.db
    .insertInto('workers')
    .values({
      id,
      name: opts.name ?? '测试人',
      gender: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',
      birth_date: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      id_cipher: t.pii.encrypt(idNumber),
      id_blind: t.pii.blindIndex('id', idNumber),
      id_masked: maskIdNumber(idNumber),
      unit_code: unitCode,
      county_code: county,
    })
    .execute();
  return { id, idNumber };
}

export function creditCodeFor(division = '140802', n = seq++): string {
  const org8 = `MA${String(n).padStart(6, '0')}`;
  const org9 = org8 + orgCodeCheckChar(org8);
  const body = `91${division}${org9}`;
  return body + creditCodeCheckChar(body);
}

export async function insertOrganisation(t: TestApp, opts: { kind?: 'institution' | 'enterprise'; unitCode?: string; name?: string } = {}) {
  const kind = opts.kind ?? 'institution';
  const id = randomUUID();
  await t.database.db
    .insertInto('organisations')
    .values({
      id,
      kind,
      name: opts.name ?? `测试${kind === 'institution' ? '培训学校' : '有限公司'}${seq}`,
      credit_code: creditCodeFor((opts.unitCode ?? '140802').slice(0, 6)),
      institution_kind: kind === 'institution' ? 'private' : null,
      unit_code: opts.unitCode ?? '140802',
    })
    .execute();
  return { id };
}
