import { PDFDocument, concatTransformationMatrix, degrees, popGraphicsState, pushGraphicsState, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import { decodeProtectedHeader } from 'jose';
import { CERTIFICATE_TYPES } from '../domain/reference/catalog.ts';
import { registerFonts, type DocFonts } from '../pdf/fonts.ts';
import { A4, COLORS, fitText, textWidth, wrapText } from '../pdf/layout.ts';
import { certificateTitle, certificateTypeName, formatHours, type CertificateClaims, type Revocation } from './credential.ts';

/**
 * The certificate as a one-page A4 landscape PDF: a double frame, the centred title, the holder's
 * name and masked ID number, the occupation and level (or the training), the number, the issuer and
 * issue date in the signature position, and a QR code to the public verification page with the line
 * 扫码或访问 … 核验真伪. A revoked certificate carries a red 已撤销 stamp with the reason and date.
 *
 * When the signed credential (`jws`) is given it is attached to the PDF as `certificate.jwt`
 * (application/vc+jwt), so the file carries its own proof; the footer names the signing key.
 * Nothing here reads the clock: `generatedAt` is display text from the caller.
 */
export type CertificatePdfInput = {
  claims: CertificateClaims;
  verifyUrl: string;
  jws?: string;
  generatedAt: string;
  revoked?: Revocation;
};

const [PAGE_H, PAGE_W] = A4; // landscape
const FRAME_OUTER = 22;
const FRAME_INNER = 30;
const MARGIN = 64; // content edge
const FIELDS_LEFT = 150;
const FRAME_COLOR = COLORS.accent;
const RED = rgb(0.78, 0.08, 0.08);
const QR_SIZE = 96;
/** Top of the bottom band (QR code, verification line, issuer and date). */
const BAND_TOP = 168;
/** From the last baseline of a value to its dotted rule. */
const RULE_GAP = 9;

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const { claims, verifyUrl } = input;
  const doc = await PDFDocument.create({ updateMetadata: false }); // no hidden clock in the metadata
  const fonts = await registerFonts(doc);
  const typeName = certificateTypeName(claims.type);
  doc.setTitle(`${certificateTitle(claims)}（${claims.number}）`);
  doc.setSubject(`${typeName} ${claims.number}`);
  doc.setAuthor(claims.issuer.name);
  doc.setProducer('Jineng 运城市职业技能提升培训管理平台');
  doc.setCreator('Jineng');
  doc.setLanguage('zh-CN');

  const page = doc.addPage([PAGE_W, PAGE_H]);
  const d = new Drawer(page);
  drawFrame(page);

  // Heading: programme, title, English title, rule, statement.
  const nameEn = CERTIFICATE_TYPES.find((t) => t.code === claims.type)?.nameEn ?? '';
  d.spaced('运城市职业技能提升行动', PAGE_H - 74, 10.5, fonts.regular, COLORS.muted, 0.45);
  d.spaced(typeName, PAGE_H - 122, 34, fonts.bold, COLORS.text, 0.32);
  d.centered(nameEn, PAGE_H - 144, 10, fonts.regular, COLORS.muted);
  const ruleY = PAGE_H - 157;
  page.drawLine({ start: { x: PAGE_W / 2 - 90, y: ruleY }, end: { x: PAGE_W / 2 + 90, y: ruleY }, thickness: 1, color: FRAME_COLOR });
  const diamond = 6; // a square turned 45° about its bottom-left corner, which becomes the bottom vertex
  page.drawRectangle({ x: PAGE_W / 2, y: ruleY - (diamond * Math.SQRT2) / 2, width: diamond, height: diamond, color: FRAME_COLOR, rotate: degrees(45) });
  d.centered(STATEMENTS[claims.type], ruleY - 28, 12, fonts.regular, COLORS.label);

  // Fields, between the statement and the bottom band.
  drawFields(page, fonts, fieldRows(claims), { left: FIELDS_LEFT, right: PAGE_W - FIELDS_LEFT, top: ruleY - 50, bottom: BAND_TOP + 18 });

  // Bottom band, left: the QR code and the verification line.
  const qr = await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 256 });
  const qrImage = await doc.embedPng(qr);
  const qrX = MARGIN + 6;
  const qrY = BAND_TOP - QR_SIZE;
  page.drawRectangle({ x: qrX - 4, y: qrY - 4, width: QR_SIZE + 8, height: QR_SIZE + 8, color: rgb(1, 1, 1), borderColor: COLORS.border, borderWidth: 0.6 });
  page.drawImage(qrImage, { x: qrX, y: qrY, width: QR_SIZE, height: QR_SIZE });

  // Bottom band, right: issuer and date in the signature position.
  const signRight = PAGE_W - MARGIN - 6;
  const issuerSize = 14;
  const issuerLines = wrapText(claims.issuer.name, fonts.bold, issuerSize, 250).slice(0, 2);
  const dateText = chineseDate(claims.issuedOn);
  const blockW = Math.max(...issuerLines.map((l) => textWidth(fonts.bold, issuerSize, l)), textWidth(fonts.regular, 13, dateText));
  const blockCx = signRight - blockW / 2;
  let sy = BAND_TOP - 22;
  d.centeredAt('发证机构', blockCx, sy, 10, fonts.regular, COLORS.muted);
  sy -= 24;
  for (const line of issuerLines) {
    d.centeredAt(line, blockCx, sy, issuerSize, fonts.bold, COLORS.text);
    sy -= issuerSize * 1.4;
  }
  d.centeredAt(dateText, blockCx, sy - 4, 13, fonts.regular, COLORS.text);

  // The verification line beside the QR code, kept clear of the signature block.
  const textX = qrX + QR_SIZE + 16;
  const textW = signRight - blockW - 30 - textX;
  let vy = BAND_TOP - 30;
  for (const line of packLine(['扫码或访问', verifyUrl, '核验真伪'], fonts.regular, 10, textW).slice(0, 4)) {
    page.drawText(line, { x: textX, y: vy, size: 10, font: fonts.regular, color: COLORS.text });
    vy -= 15;
  }
  const jwksUrl = jwksUrlOf(verifyUrl);
  const proof = [
    '本证书为电子证书，经平台数字签名（Ed25519）' + (input.jws ? '，签名凭证附于本文件' : ''),
    ...(jwksUrl ? [`签名公钥：${jwksUrl}`] : []),
    ...(input.jws && kidOf(input.jws) ? [`密钥标识：${kidOf(input.jws)}`] : []),
  ];
  vy -= 4;
  for (const line of proof.flatMap((l) => wrapText(l, fonts.regular, 8, textW))) {
    if (vy < FRAME_INNER + 22) break; // keep clear of the generated-at line
    page.drawText(line, { x: textX, y: vy, size: 8, font: fonts.regular, color: COLORS.muted });
    vy -= 11;
  }

  d.centered(fitText(`生成时间：${input.generatedAt}`, fonts.regular, 7.5, PAGE_W - 2 * MARGIN), FRAME_INNER + 10, 7.5, fonts.regular, COLORS.muted);

  if (input.revoked) drawRevoked(page, fonts, input.revoked);

  if (input.jws) {
    await doc.attach(new TextEncoder().encode(input.jws), 'certificate.jwt', {
      mimeType: 'application/vc+jwt',
      description: `${typeName} ${claims.number}：签名电子证书（W3C 可验证凭证 / Open Badges 3.0，EdDSA）`,
    });
  }
  return doc.save();
}

const STATEMENTS: Readonly<Record<CertificateClaims['type'], string>> = {
  skill_level: '兹证明持证人经职业技能等级认定考核合格，特发此证。',
  special_ability: '兹证明持证人经专项职业能力考核合格，特发此证。',
  qualification: '兹证明持证人经职业资格评价考核合格，特发此证。',
  training_completion: '兹证明持证人完成培训并经考核合格，特发此证。',
};

/**
 * Label/value rows with a dotted rule under each value, spread over the box: the gap between rows
 * shrinks (down to 4 pt) when the rows would not fit, and values wrap to at most two lines.
 */
function drawFields(page: PDFPage, fonts: DocFonts, rows: [string, string, boolean][], box: { left: number; right: number; top: number; bottom: number }): void {
  const labelSize = 12;
  const labelW = Math.max(...rows.map(([label]) => textWidth(fonts.regular, labelSize, label))) + 24;
  const valueW = box.right - box.left - labelW;
  const laid = rows.map(([label, value, strong]) => {
    const size = strong ? 17 : 13;
    const font = strong ? fonts.bold : fonts.regular;
    const lines = wrapText(value, font, size, valueW).slice(0, 2);
    const lh = size * 1.4;
    return { label, lines, size, font, lh, height: size + (lines.length - 1) * lh + RULE_GAP };
  });
  const natural = laid.reduce((s, r) => s + r.height, 0);
  const gap = Math.max(4, Math.min(18, (box.top - box.bottom - natural) / Math.max(1, laid.length - 1)));
  let y = box.top;
  for (const r of laid) {
    const baseline = y - r.size * 0.88;
    page.drawText(r.label, { x: box.left, y: baseline + (r.size - labelSize) * 0.06, size: labelSize, font: fonts.regular, color: COLORS.label });
    r.lines.forEach((line, i) => page.drawText(line, { x: box.left + labelW, y: baseline - i * r.lh, size: r.size, font: r.font, color: COLORS.text }));
    const ruleY = y - r.height + 2;
    page.drawLine({ start: { x: box.left + labelW, y: ruleY }, end: { x: box.right, y: ruleY }, thickness: 0.5, color: COLORS.border, dashArray: [1.5, 2] });
    y -= r.height + gap;
  }
}

/**
 * Joins `pieces` with spaces into lines no wider than `width`, breaking only between pieces (so
 * 核验真伪 stays whole) unless a piece alone is too wide, which is then wrapped by itself.
 */
function packLine(pieces: string[], font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const piece of pieces) {
    const joined = cur ? `${cur} ${piece}` : piece;
    if (textWidth(font, size, joined) <= width) {
      cur = joined;
      continue;
    }
    if (cur) lines.push(cur);
    const wrapped = wrapText(piece, font, size, width);
    cur = wrapped.pop() ?? '';
    lines.push(...wrapped);
  }
  if (cur) lines.push(cur);
  return lines;
}

function kidOf(jws: string): string | null {
  try {
    const { kid } = decodeProtectedHeader(jws);
    return typeof kid === 'string' ? kid : null;
  } catch {
    return null;
  }
}

/** The JWKS is served by the host of the verification page. */
function jwksUrlOf(verifyUrl: string): string | null {
  try {
    return new URL('/.well-known/jwks.json', verifyUrl).href;
  } catch {
    return null;
  }
}

/** [label, value, prominent] rows for the type. */
function fieldRows(c: CertificateClaims): [string, string, boolean][] {
  const rows: [string, string, boolean][] = [
    ['姓　　名', c.holder.name, true],
    ['身份证号', c.holder.idNumberMasked, false],
  ];
  const occupation = `${c.occupation.name}（${c.occupation.code}）`;
  switch (c.type) {
    case 'skill_level':
    case 'qualification':
      rows.push(['职业（工种）', occupation, false]);
      if (c.level) rows.push(['等　　级', c.level.name, false]);
      break;
    case 'special_ability':
      rows.push(['专项职业能力', occupation, false]);
      break;
    case 'training_completion':
      rows.push(['培训项目', c.training?.className ?? '—', false]);
      rows.push(['职业（工种）', c.level ? `${occupation} ${c.level.name}` : occupation, false]);
      if (c.training) {
        rows.push(['培训机构', c.training.institution, false]);
        rows.push(['培训学时', `${formatHours(c.training.hours)} 学时`, false]);
      }
      break;
  }
  rows.push(['证书编号', c.number, false]);
  return rows;
}

function drawFrame(page: PDFPage): void {
  const w = PAGE_W;
  const h = PAGE_H;
  page.drawRectangle({ x: 0, y: 0, width: w, height: h, color: rgb(0.995, 0.992, 0.982) });
  page.drawRectangle({ x: FRAME_OUTER, y: FRAME_OUTER, width: w - 2 * FRAME_OUTER, height: h - 2 * FRAME_OUTER, borderColor: FRAME_COLOR, borderWidth: 2.6 });
  page.drawRectangle({ x: FRAME_INNER, y: FRAME_INNER, width: w - 2 * FRAME_INNER, height: h - 2 * FRAME_INNER, borderColor: FRAME_COLOR, borderWidth: 0.7 });
  // Corner pieces: a small square bridging the two lines at each corner.
  const s = 12;
  for (const [cx, cy] of [
    [FRAME_INNER, FRAME_INNER],
    [w - FRAME_INNER, FRAME_INNER],
    [FRAME_INNER, h - FRAME_INNER],
    [w - FRAME_INNER, h - FRAME_INNER],
  ] as const) {
    page.drawRectangle({ x: cx - s / 2, y: cy - s / 2, width: s, height: s, color: rgb(0.995, 0.992, 0.982), borderColor: FRAME_COLOR, borderWidth: 1.2 });
    page.drawRectangle({ x: cx - 2.5, y: cy - 2.5, width: 5, height: 5, color: FRAME_COLOR });
  }
}

/**
 * A red stamp over the right of the fields, turned 12° anticlockwise: 已撤销, the reason and the date.
 * Its fill is translucent so the values under it stay legible.
 */
function drawRevoked(page: PDFPage, fonts: DocFonts, revoked: Revocation): void {
  const angle = (12 * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(cos, sin, -sin, cos, PAGE_W / 2 + 120, PAGE_H / 2 - 6));
  const boxW = 340;
  const reasonLines = wrapText(`撤销原因：${revoked.reason}`, fonts.regular, 12, boxW - 36).slice(0, 3);
  const boxH = 78 + reasonLines.length * 17 + 22;
  const top = boxH / 2;
  page.drawRectangle({ x: -boxW / 2, y: -boxH / 2, width: boxW, height: boxH, color: rgb(1, 1, 1), opacity: 0.6, borderColor: RED, borderWidth: 3 });
  page.drawRectangle({ x: -boxW / 2 + 5, y: -boxH / 2 + 5, width: boxW - 10, height: boxH - 10, borderColor: RED, borderWidth: 0.8 });
  const stamp = '已撤销';
  const stampSize = 40;
  const spacing = stampSize * 0.4;
  const stampW = textWidth(fonts.bold, stampSize, stamp) + spacing * ([...stamp].length - 1);
  let x = -stampW / 2;
  for (const ch of stamp) {
    page.drawText(ch, { x, y: top - 58, size: stampSize, font: fonts.bold, color: RED });
    x += textWidth(fonts.bold, stampSize, ch) + spacing;
  }
  reasonLines.forEach((line, i) => {
    page.drawText(line, { x: -textWidth(fonts.regular, 12, line) / 2, y: top - 84 - i * 17, size: 12, font: fonts.regular, color: RED });
  });
  const at = `撤销时间：${revoked.at}`;
  page.drawText(at, { x: -textWidth(fonts.regular, 11, at) / 2, y: top - 84 - reasonLines.length * 17, size: 11, font: fonts.regular, color: RED });
  page.pushOperators(popGraphicsState());
}

/** 2020-09-30 → 2020年9月30日. */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : isoDate;
}

class Drawer {
  constructor(private readonly page: PDFPage) {}

  centered(text: string, y: number, size: number, font: PDFFont, color: RGB): void {
    this.centeredAt(text, PAGE_W / 2, y, size, font, color);
  }

  centeredAt(text: string, cx: number, y: number, size: number, font: PDFFont, color: RGB): void {
    if (!text) return;
    this.page.drawText(text, { x: cx - textWidth(font, size, text) / 2, y, size, font, color });
  }

  /** Centred with extra space between characters (`tracking` em). */
  spaced(text: string, y: number, size: number, font: PDFFont, color: RGB, tracking: number): void {
    const chars = [...text];
    const gap = size * tracking;
    const width = chars.reduce((w, ch) => w + textWidth(font, size, ch), 0) + gap * (chars.length - 1);
    let x = (PAGE_W - width) / 2;
    for (const ch of chars) {
      this.page.drawText(ch, { x, y, size, font, color });
      x += textWidth(font, size, ch) + gap;
    }
  }
}
