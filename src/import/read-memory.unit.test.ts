import iconv from 'iconv-lite';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readTable } from './read.ts';

/** V8's collector, so the live heap can be measured without GC timing noise. */
function collector(): (() => void) | undefined {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof gc === 'function' ? (gc as () => void) : undefined;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jineng-test-memory-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ROWS = 200_000;
const MB = 1024 * 1024;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '欧阳', '司马'];
const GIVEN = ['晓燕', '娜娜', '建国', '秀英', '志强', '丽', '伟', '芳', '敏', '静'];

/** A roster the way a Chinese Excel saves it: GB18030, CRLF, some quoted fields. */
async function writeRoster(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(iconv.encode(text, 'gb18030'))) await once(out, 'drain');
  };
  await write('姓名*,公民身份号码（必填）,联系电话,培训工种,地址\r\n');
  let batch = '';
  for (let i = 1; i <= rows; i++) {
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[i % GIVEN.length]!;
    batch += `${name},="1408021985${String(i).padStart(8, '0')}",138${String(i).padStart(8, '0')},中式烹调师,"运城市盐湖区, 解放路${i}号"\r\n`;
    if (i % 5000 === 0) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch);
  out.end();
  await once(out, 'close');
}

it(
  `reads a ${ROWS.toLocaleString()}-row GB18030 CSV in flat memory`,
  async () => {
    const path = join(dir, 'roster.csv');
    await writeRoster(path, ROWS);
    const size = (await stat(path)).size;

    const gc = collector();
    const live = () => {
      gc?.();
      return process.memoryUsage().heapUsed;
    };
    const baseline = live();
    let peak = baseline; // heapUsed as it comes, garbage included
    let livePeak = baseline; // after a full collection: what is really retained
    let count = 0;
    let last = 0;
    for await (const row of readTable({ path }, { requiredColumns: ['姓名', '公民身份号码'] })) {
      count++;
      last = row.rowNumber;
      if (count % 2000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (count % 25_000 === 0) livePeak = Math.max(livePeak, live());
      if (count === 123_456) {
        expect(row.values).toEqual({
          姓名: '王伟',
          公民身份号码: '140802198500123456',
          联系电话: '13800123456',
          培训工种: '中式烹调师',
          地址: '运城市盐湖区, 解放路123456号',
        });
      }
    }
    expect(count).toBe(ROWS);
    expect(last).toBe(ROWS + 1);
    expect(size).toBeGreaterThan(10 * MB);
    // Generous, GC-timing-proof bound on the raw heap.
    expect((peak - baseline) / MB).toBeLessThan(150);
    // The sharp one: keeping these rows would retain ~80 MB; streaming retains next to nothing.
    if (gc) expect((livePeak - baseline) / MB).toBeLessThan(32);
  },
  120_000,
);
