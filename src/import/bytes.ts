/**
 * The raw bytes of an uploaded file, read once, front to back, in bounded chunks. `peek(n)` buffers at
 * most the first `n` bytes (format and encoding sniffing); iterating afterwards replays them and then
 * continues with the rest, so nothing beyond the peeked prefix is ever held in memory.
 */
export class ByteSource implements AsyncIterable<Buffer> {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private ended = false;
  private bytesRead = 0;
  private readonly it: AsyncIterator<unknown>;

  constructor(
    source: AsyncIterable<unknown>,
    private readonly onBytes?: (bytesRead: number) => void,
  ) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** Up to the first `n` bytes (fewer only at the end of the file). */
  async peek(n: number): Promise<Buffer> {
    while (!this.ended && this.headBytes < n) {
      const chunk = await this.pull();
      if (chunk === undefined) break;
      this.head.push(chunk);
      this.headBytes += chunk.length;
    }
    const all = Buffer.concat(this.head);
    return all.length > n ? all.subarray(0, n) : all;
  }

  /** True once the whole file has been read (only meaningful right after `peek`). */
  get exhausted(): boolean {
    return this.ended;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    try {
      while (this.head.length > 0) {
        const chunk = this.head.shift()!;
        this.headBytes -= chunk.length;
        yield chunk;
      }
      for (;;) {
        const chunk = await this.pull();
        if (chunk === undefined) return;
        yield chunk;
      }
    } finally {
      await this.close();
    }
  }

  /** Stops reading; for a Node stream this destroys it (releasing the file descriptor or upload). */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.it.return?.();
  }

  private async pull(): Promise<Buffer | undefined> {
    if (this.ended) return undefined;
    const r = await this.it.next();
    if (r.done) {
      this.ended = true;
      return undefined;
    }
    const v: unknown = r.value;
    const chunk = Buffer.isBuffer(v) ? v : typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v as Uint8Array);
    this.bytesRead += chunk.length;
    this.onBytes?.(this.bytesRead);
    return chunk;
  }
}

export const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE2 compound file: a legacy .xls, or an .xlsx protected with a password (Excel encrypts into OLE2). */
export const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function startsWith(buf: Buffer, magic: Buffer): boolean {
  return buf.length >= magic.length && buf.subarray(0, magic.length).equals(magic);
}
