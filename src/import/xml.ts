import { createRequire } from 'node:module';

/**
 * A streaming XML tokenizer for the parts of an .xlsx. It is saxes, the parser exceljs itself depends
 * on, resolved from exceljs's own location so we use exactly the copy exceljs ships with (it is not a
 * dependency of ours, and package.json stays as it is).
 *
 * Why not exceljs's parse-sax: it decodes every zip chunk with a fresh `TextDecoder.decode(chunk)`,
 * so a multi-byte character split across two 16 KiB chunks becomes `��` — a Chinese name corrupted at
 * random (exceljs issues #1665, #2063, #2084, #2316, open in 4.4.0). Here one streaming decoder spans
 * the whole part.
 */
type SaxesTag = { name: string; attributes: Record<string, string> };
type SaxesParser = {
  on(event: 'opentag' | 'closetag', handler: (tag: SaxesTag) => void): void;
  on(event: 'text' | 'cdata', handler: (text: string) => void): void;
  write(chunk: string): unknown;
  close(): unknown;
};

const fromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
const { SaxesParser: Parser } = fromExceljs('saxes') as { SaxesParser: new (opts?: { position?: boolean }) => SaxesParser };

export type XmlHandlers = {
  /** Element names arrive without a namespace prefix (`x:row` → `row`). */
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

/**
 * Feeds `source` (raw UTF-8 bytes, or already-decoded text) to the handlers, one chunk at a time, and
 * yields after each chunk so a caller collecting results from the handlers can hand them on without
 * holding the whole part. Malformed XML throws.
 */
export async function* feedXml(source: AsyncIterable<Buffer | string>, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = new Parser({ position: false });
  const { open, close, text } = handlers;
  if (open) parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes));
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    yield;
  }
  const tail = decoder.decode();
  if (tail !== '') parser.write(tail);
  parser.close();
  yield;
}

/** Runs {@link feedXml} to the end. */
export async function parseXml(source: AsyncIterable<Buffer | string>, handlers: XmlHandlers): Promise<void> {
  for await (const _ of feedXml(source, handlers)) {
    // handlers do the work
  }
}

/**
 * A copy of `s` that does not keep its source alive. Text from the parser is a substring of a whole
 * decoded chunk (~64K characters), and V8 stores substrings of 13+ characters as views into their
 * parent: a shared-string table, or an ID number a caller keeps in a Set, would pin every chunk it came
 * from — the whole part, in memory. The JSON round trip is the cheapest way to force a flat copy.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
