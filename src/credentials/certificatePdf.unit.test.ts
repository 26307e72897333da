import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, decodePDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { chineseDate, renderCertificatePdf } from './certificatePdf.ts';
import { buildCredential, signCredential, type CertificateClaims } from './credential.ts';
import { generateSigningKey } from './keys.ts';

// Set JINENG_PDF_OUT=/some/dir to keep the rendered PDFs for a look (pdftoppm -r 60 -png …).
const OUT = process.env.JINENG_PDF_OUT;
const keep = (name: string, bytes: Uint8Array) => {
  if (OUT) writeFileSync(path.join(OUT, name), bytes);
};

const skill: CertificateClaims = {
  number: 'S000014140802204000123',
  type: 'skill_level',
  holder: { name: '张晓燕', idNumberMasked: '140802********2346' },
  occupation: { code: '6-31-01-03', name: '电工' },
  level: { code: '4', name: '四级/中级工' },
  issuedOn: '2020-09-30',
  issuer: { name: '运城市新时代职业技能等级认定中心', creditCode: '52140800MJY123458Y' },
};

const training: CertificateClaims = {
  number: 'YC-PX-2020-000123',
  type: 'training_completion',
  holder: { name: '买买提·艾力', idNumberMasked: '140821********301X' },
  occupation: { code: '4-10-01-06', name: '家政服务员' },
  level: null,
  issuedOn: '2020-11-20',
  issuer: { name: '永济市新时代职业培训学校有限公司', creditCode: '91140802MA0K123489' },
  training: {
    className: '2020年运城市职业技能提升行动家政服务员第12期就业技能培训班（永济市城西街道农村转移劳动力专班）',
    institution: '永济市新时代职业培训学校有限公司',
    hours: 64,
  },
};

const VERIFY_URL = 'https://jineng.example/verify/k3Jx9QpL2mVb7TzR';

const text = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');

function streams(doc: PDFDocument, subtype: string): PDFRawStream[] {
  return doc.context
    .enumerateIndirectObjects()
    .map(([, obj]) => obj)
    .filter((obj): obj is PDFRawStream => obj instanceof PDFRawStream && (obj.dict.get(PDFName.of('Subtype')) ?? obj.dict.get(PDFName.of('Type')))?.toString() === `/${subtype}`);
}

/** The files attached to the document: name → bytes. */
function attachments(doc: PDFDocument): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const files = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict)?.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let i = 0; files && i < files.size(); i += 2) {
    const name = files.lookup(i, PDFString, PDFHexString).decodeText();
    const spec = files.lookup(i + 1, PDFDict);
    const stream = doc.context.lookup(spec.lookup(PDFName.of('EF'), PDFDict).get(PDFName.of('F')));
    if (stream instanceof PDFRawStream) found.set(name, decodePDFRawStream(stream).decode());
  }
  return found;
}

/** The first page's content streams, decoded. */
async function pageContent(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const contents = doc.getPage(0).node.Contents();
  const list = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  return list
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
    .map((s) => Buffer.from(decodePDFRawStream(s).decode()).toString('latin1'))
    .join('\n');
}

describe('renderCertificatePdf', () => {
  it('renders one A4 landscape page with the fonts, the QR code and the signed credential attached', async () => {
    const key = await generateSigningKey();
    const jws = await signCredential(buildCredential(skill, { issuerUrl: 'https://jineng.example/', verifyUrl: () => VERIFY_URL }), key, { now: new Date('2020-10-01T02:00:00Z') });
    const bytes = await renderCertificatePdf({ claims: skill, verifyUrl: VERIFY_URL, jws, generatedAt: '2020-10-01 10:00' });
    keep('certificate-skill.pdf', bytes);

    expect(text(bytes, 0, 5)).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    expect(doc.getTitle()).toBe('电工（四级/中级工）职业技能等级证书（S000014140802204000123）');
    expect(doc.getAuthor()).toBe('运城市新时代职业技能等级认定中心');

    const images = streams(doc, 'Image');
    expect(images.length).toBeGreaterThanOrEqual(1); // the QR code (a PNG may add its alpha mask)
    expect(images.some((img) => img.dict.get(PDFName.of('Width'))?.toString() === '256')).toBe(true);
    expect(streams(doc, 'FontFile3').length + streams(doc, 'CIDFontType0C').length).toBeGreaterThanOrEqual(1);

    const attached = attachments(doc);
    expect([...attached.keys()]).toEqual(['certificate.jwt']);
    expect(Buffer.from(attached.get('certificate.jwt')!).toString('utf8')).toBe(jws);
    expect(bytes.length).toBeLessThan(200_000);
  });

  it('renders every type, long values, and a revoked certificate', async () => {
    const revoked = await renderCertificatePdf({
      claims: skill,
      verifyUrl: VERIFY_URL,
      generatedAt: '2021-03-02 09:12',
      revoked: { reason: '认定考核材料弄虚作假，经核查撤销（运人社函〔2021〕12号）', at: '2021-03-01' },
    });
    keep('certificate-revoked.pdf', revoked);
    const plain = await renderCertificatePdf({ claims: skill, verifyUrl: VERIFY_URL, generatedAt: '2021-03-02 09:12' });
    // The stamp is the only red on the page; nothing is attached without a JWS.
    const red = /\b0\.78 0\.08 0\.08 (rg|RG)\b/;
    expect(await pageContent(revoked)).toMatch(red);
    expect(await pageContent(plain)).not.toMatch(red);
    expect(attachments(await PDFDocument.load(plain)).size).toBe(0);

    const long = await renderCertificatePdf({ claims: training, verifyUrl: `${VERIFY_URL}/${'a'.repeat(80)}`, generatedAt: '2020-11-21 08:30' });
    keep('certificate-training.pdf', long);
    expect((await PDFDocument.load(long)).getPageCount()).toBe(1);

    for (const claims of [
      { ...skill, type: 'qualification' as const, number: '2014080000000123', level: { code: '3', name: '三级/高级工' } },
      { ...skill, type: 'special_ability' as const, number: 'YC-ZX-2020-000045', level: null, occupation: { code: 'ZX-14-0031', name: '中式面点制作' } },
    ]) {
      const bytes = await renderCertificatePdf({ claims, verifyUrl: VERIFY_URL, generatedAt: '2020-10-01 10:00' });
      keep(`certificate-${claims.type}.pdf`, bytes);
      expect(text(bytes, 0, 5)).toBe('%PDF-');
    }
  });

  it('is deterministic for the same input (no clock)', async () => {
    const input = { claims: skill, verifyUrl: VERIFY_URL, generatedAt: '2020-10-01 10:00' };
    expect(Buffer.from(await renderCertificatePdf(input)).equals(Buffer.from(await renderCertificatePdf(input)))).toBe(true);
  });

  it('writes dates the Chinese way', () => {
    expect(chineseDate('2020-09-30')).toBe('2020年9月30日');
    expect(chineseDate('2021-01-05')).toBe('2021年1月5日');
  });
});
