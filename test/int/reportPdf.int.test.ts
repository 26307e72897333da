import fs from 'node:fs';
import path from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestApp, type TestApp } from '../support/app.ts';
import { insertWorker } from '../support/builders.ts';
import { testDbKind } from '../support/db.ts';
import { addCategory, classBody, insertInstitution, runClassToClosed } from '../support/training.ts';
import { makeReports } from '../../src/usecases/reports.ts';
import { renderReportPdf, yuanText } from '../../src/usecases/reportPdf.ts';

// Set JINENG_PDF_OUT=/some/dir to keep the rendered PDFs for a look.
const keep = (name: string, bytes: Uint8Array) => {
  if (process.env.JINENG_PDF_OUT) fs.writeFileSync(path.join(process.env.JINENG_PDF_OUT, name), bytes);
};

/** The ToUnicode map of a font dictionary: glyph id (hex) → text. */
function toUnicode(font: PDFDict): Map<string, string> {
  const map = new Map<string, string>();
  const stream = font.lookup(PDFName.of('ToUnicode'));
  if (!(stream instanceof PDFRawStream)) return map;
  const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  const hexText = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(m[1]!.toUpperCase(), Buffer.from(m[2]!, 'hex').swap16().toString('utf16le'));
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const base = parseInt(m[3]!, 16);
      for (let g = lo; g <= hi; g++) map.set(g.toString(16).toUpperCase().padStart(m[1]!.length, '0'), hexText((base + g - lo).toString(16).padStart(4, '0')));
    }
  return map;
}

/** The strings drawn on each page, in drawing order (one per text-showing operator), decoded through the fonts' ToUnicode maps. */
function pageStrings(doc: PDFDocument): string[][] {
  return doc.getPages().map((page) => {
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    const maps = new Map<string, Map<string, string>>();
    for (const [name, ref] of fonts?.entries() ?? []) maps.set(name.asString(), toUnicode(doc.context.lookup(ref as PDFRef, PDFDict)));
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const ops = streams.map((s) => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1')).join('\n');
    const out: string[] = [];
    let font = new Map<string, string>();
    for (const m of ops.matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
      if (m[1]) font = maps.get(m[1]) ?? new Map();
      else out.push((m[2]!.match(/.{4}/g) ?? []).map((g) => font.get(g.toUpperCase()) ?? '?').join(''));
    }
    return out;
  });
}

/** The embedded font programs of a parsed PDF, by font name. */
function embeddedFonts(doc: PDFDocument): string[] {
  const names: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const file = obj.lookup(PDFName.of('FontFile3'));
    if (file instanceof PDFRawStream && file.contents.length > 0) names.push(String(obj.get(PDFName.of('FontName'))));
  }
  return names.sort();
}

type Who = 'inst' | 'eval' | 'county' | 'city';

describe(`the report as PDF on ${testDbKind()}`, () => {
  let t: TestApp;
  const logins = {} as Record<Who, { username: string; password: string }>;
  const cookies = {} as Record<Who, string>;
  const req = async (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string | null, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  async function jump(to: string) {
    t.clock.advance(Date.parse(to) - t.clock.now().getTime());
    for (const k of Object.keys(logins) as Who[]) cookies[k] = await login(t, logins[k].username, logins[k].password);
  }

  beforeAll(async () => {
    t = await startTestApp();
    const inst = await insertInstitution(t, { licences: [['6-31-01-03', '4']] });
    const evaluator = await insertInstitution(t, { institutionKind: 'evaluation', licences: [] });
    logins.inst = await createUser(t, 'institution', { orgId: inst.id });
    logins.eval = await createUser(t, 'institution', { orgId: evaluator.id });
    logins.county = await createUser(t, 'county_office', { unitCode: '140802' });
    logins.city = await createUser(t, 'city_office');
    await jump('2020-06-01T02:00:00Z');
    const a = await insertWorker(t, { name: '甲' });
    await addCategory(t, a.id, 'rural_migrant');
    const b = await insertWorker(t, { name: '乙' });
    await addCategory(t, b.id, 'laid_off');
    await runClassToClosed({ req, jump, cookies: () => cookies, evaluatorId: evaluator.id, body: classBody({}, ['2020-06-15', '2020-06-16']), people: [a, b] });
    await jump('2020-07-05T02:00:00Z');
  }, 600_000);
  afterAll(() => t.close());

  it('lays the monthly report out as an official table: A4 landscape, embedded Chinese fonts, the known cells, status and page numbers', async () => {
    const live = await req('GET', '/api/reports/monthly/2020-06/export.pdf', cookies.city);
    expect(live.statusCode).toBe(200);
    expect(live.headers['content-type']).toBe('application/pdf');
    expect(String(live.headers['content-disposition'])).toContain(encodeURIComponent('运城市职业技能培训月报（2020年6月）.pdf'));
    const bytes = new Uint8Array(live.rawPayload);
    keep('report-live.pdf', bytes);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('运城市职业技能培训月报（2020年6月）');
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    const fonts = embeddedFonts(doc);
    expect(fonts.some((f) => f.includes('NotoSansHans-Regular'))).toBe(true);
    expect(fonts.some((f) => f.includes('NotoSansHans-Bold'))).toBe(true);
    const pages = pageStrings(doc);
    const all = pages.flat();
    expect(all).toContain('运城市职业技能培训月报（2020年6月）');
    expect(all).toContain('实时计算');
    expect(all).toContain('填报单位：运城市人力资源和社会保障局');
    expect(all.some((s) => s.startsWith('统计期：2020-06-01 至 2020-06-30'))).toBe(true);
    // The 盐湖区 row: 2 人次, 2 人数, 2 结业, 2 取证, 0 补贴人数, then the funds in yuan.
    const i = all.indexOf('盐湖区');
    expect(all.slice(i, i + 7)).toEqual(['盐湖区', '2', '2', '2', '2', '0', '0.00']);
    const total = all.indexOf('合计');
    expect(all.slice(total, total + 3)).toEqual(['合计', '2', '2']);
    for (const heading of ['一、分县（市、区）完成情况', '二、按人员类别（一人多类别时分别计入）', '三、按培训类型', '四、按证书类型和等级']) expect(all).toContain(heading);
    expect(all).toContain('职业技能提升培训');
    expect(all).toContain('农村转移就业劳动者/新生代农民工');
    pages.forEach((p, n) => expect(p).toContain(`第 ${n + 1} 页 / 共 ${pages.length} 页`));

    // Frozen, then approved: the status follows; the county's own report says its unit.
    const frozen = await req('POST', '/api/reports/monthly/2020-06/freeze', cookies.city);
    expect(frozen.statusCode).toBe(201);
    const f1 = pageStrings(await PDFDocument.load(new Uint8Array((await req('GET', '/api/reports/monthly/2020-06/export.pdf', cookies.city)).rawPayload))).flat();
    expect(f1).toContain('已冻结');
    expect(f1.some((s) => s.startsWith('状态：已冻结'))).toBe(true);
    expect((await req('POST', `/api/reports/frozen/${frozen.json().id}/approve`, cookies.city)).statusCode).toBe(204);
    const f2 = pageStrings(await PDFDocument.load(new Uint8Array((await req('GET', '/api/reports/monthly/2020-06/export.pdf', cookies.city)).rawPayload))).flat();
    expect(f2).toContain('已审定');
    const county = await req('GET', '/api/reports/monthly/2020-06/export.pdf', cookies.county);
    const c = pageStrings(await PDFDocument.load(new Uint8Array(county.rawPayload))).flat();
    expect(c).toContain('盐湖区职业技能培训月报（2020年6月）');
    expect(c).not.toContain('临猗县');
    expect((await req('GET', '/api/reports/monthly/2020-06/export.pdf?unit=140821', cookies.county)).statusCode).toBe(404);

    // The frozen list shows it approved.
    const list = (await req('GET', '/api/reports/frozen', cookies.city)).json().items;
    expect(list).toEqual([expect.objectContaining({ kind: 'monthly', period: '2020-06', unitCode: '140800', trainings: 2, approvedAt: expect.any(String) })]);
    expect((await req('GET', '/api/reports/frozen', cookies.county)).json().items).toEqual([]);
  });

  it('repeats the table header and the section heading on every page a long table runs onto', async () => {
    const r = await makeReports({ db: t.database.db, clock: t.clock }).compute('monthly', '2020-06', 'calendar', null);
    // The same category row sixty times: a table longer than a page.
    const long = { ...r, byCategory: Array.from({ length: 60 }, (_, k) => ({ ...r.byCategory[0]!, name: `类别${k + 1}` })) };
    const bytes = await renderReportPdf(long, { frozenAt: null, frozenBy: null, approvedAt: null }, t.clock.now().toISOString());
    keep('report-long.pdf', bytes);
    const pages = pageStrings(await PDFDocument.load(bytes));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const [n, p] of pages.entries()) {
      expect(p).toContain(`第 ${n + 1} 页 / 共 ${pages.length} 页`);
      expect(p).toContain('实时计算');
    }
    const continued = pages.slice(1).filter((p) => p.includes('二、按人员类别（一人多类别时分别计入）（续）'));
    expect(continued.length).toBeGreaterThanOrEqual(1);
    for (const p of continued) expect(p).toContain('培训人次');
    expect(pages.flat().filter((s) => /^类别\d+$/.test(s))).toHaveLength(60);
  });

  it('prints fen as yuan with separators and two decimals, in integers', () => {
    expect([yuanText(0), yuanText(7), yuanText(103_000), yuanText(123_456_789), yuanText(-150_050)]).toEqual(['0.00', '0.07', '1,030.00', '1,234,567.89', '-1,500.50']);
  });
});
