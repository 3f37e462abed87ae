import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseLogFileSize, RotatingFileStream } from './rotating-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lumira-rotating-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const numbered = () =>
  readdirSync(dir)
    .filter((f) => /^api\.\d+\.log$/.test(f))
    .map((f) => Number(f.split('.')[1]))
    .sort((a, b) => a - b);
const read = (n: number) => readFileSync(path.join(dir, `api.${n}.log`), 'utf8');
const totalBytes = () =>
  numbered().reduce((sum, n) => sum + statSync(path.join(dir, `api.${n}.log`)).size, 0);

/** Lines of varied lengths (40 to 240 bytes), numbered. */
function lineOf(i: number): string {
  return `{"line":${i},"filler":"${'x'.repeat(20 + ((i * 37) % 200))}"}\n`;
}

describe('RotatingFileStream', () => {
  it('under continuous writing (no pause), no file exceeds the size and every line is kept, in order', async () => {
    const maxBytes = 4096;
    const stream = new RotatingFileStream({ dir, maxBytes, count: 100_000 });
    const lines: string[] = [];
    // One synchronous loop: the event loop never runs between writes, as under a steady load.
    for (let i = 0; i < 5000; i++) {
      const line = lineOf(i);
      lines.push(line);
      stream.write(line);
    }
    const written = lines.reduce((sum, l) => sum + Buffer.byteLength(l), 0);
    await stream.end();
    // Files left behind by rotation are flushed and closed in the background.
    await vi.waitFor(() => expect(totalBytes()).toBe(written), { timeout: 20_000, interval: 50 });

    const files = numbered();
    expect(files.length).toBeGreaterThan(100);
    expect(files).toEqual(files.map((_, i) => i + 1));
    const longest = Math.max(...lines.map((l) => Buffer.byteLength(l)));
    for (const n of files) {
      const size = statSync(path.join(dir, `api.${n}.log`)).size;
      expect(size).toBeLessThanOrEqual(maxBytes);
      // Full: the next line did not fit.
      if (n < files.length) expect(size).toBeGreaterThan(maxBytes - longest);
    }
    expect(files.map(read).join('')).toBe(lines.join(''));
    expect(readlinkSync(path.join(dir, 'current.log'))).toBe(`api.${files.at(-1)}.log`);
  });

  it('keeps `count` files besides the one in use and links current.log to it', async () => {
    const stream = new RotatingFileStream({ dir, maxBytes: 1024, count: 2 });
    for (let i = 0; i < 400; i++) stream.write(lineOf(i));
    await stream.end();
    const files = numbered();
    expect(files).toHaveLength(3);
    expect(files[2]).toBeGreaterThan(10);
    expect(files).toEqual([files[2]! - 2, files[2]! - 1, files[2]]);
    expect(readlinkSync(path.join(dir, 'current.log'))).toBe(`api.${files[2]}.log`);
    expect(read(files[2]!)).toContain(`"line":399,`);
  });

  it('a restarted process appends to the newest file while it has room, then rotates on from there', async () => {
    const first = new RotatingFileStream({ dir, maxBytes: 1024, count: 10 });
    first.write('{"run":1}\n');
    await first.end();
    const second = new RotatingFileStream({ dir, maxBytes: 1024, count: 10 });
    expect(second.currentFile).toBe(path.join(dir, 'api.1.log'));
    second.write('{"run":2}\n');
    for (let i = 0; i < 20; i++) second.write(lineOf(i));
    await second.end();
    await vi.waitFor(() => expect(read(1).startsWith('{"run":1}\n{"run":2}\n')).toBe(true));
    expect(numbered().length).toBeGreaterThan(1);
    for (const n of numbered())
      expect(statSync(path.join(dir, `api.${n}.log`)).size).toBeLessThanOrEqual(1024);
  });

  it('a line longer than the size gets a file of its own', async () => {
    const stream = new RotatingFileStream({ dir, maxBytes: 100, count: 10 });
    stream.write('short\n');
    stream.write(`${'y'.repeat(300)}\n`);
    stream.write('after\n');
    await stream.end();
    await vi.waitFor(() => expect(numbered()).toEqual([1, 2, 3]));
    await vi.waitFor(() => expect([read(1), read(2).length, read(3)]).toEqual(['short\n', 301, 'after\n']));
  });

  it('parses sizes like 500k, 10m, 1g', () => {
    expect(parseLogFileSize('500k')).toBe(500 * 1024);
    expect(parseLogFileSize('10M')).toBe(10 * 1024 ** 2);
    expect(parseLogFileSize('1g')).toBe(1024 ** 3);
    expect(() => parseLogFileSize('10')).toThrow(/500k, 10m or 1g/);
    expect(() => parseLogFileSize('0m')).toThrow();
  });
});
