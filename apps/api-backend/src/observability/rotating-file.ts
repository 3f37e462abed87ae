/**
 * A pino destination writing `dir/<name>.<n>.log` files that rotate by size: a line that would take the
 * file in use past `maxBytes` goes to the next file instead, so no file exceeds the size (unless a single
 * line is larger than it: then that line is the whole file). `count` older files are kept besides the one
 * in use (older ones are deleted); `current.log` links to the file in use (for `tail -F`). Writes are
 * buffered and asynchronous (pino.destination on a file opened synchronously, no worker thread); the
 * size is counted as lines arrive,
 * so continuous writing rotates exactly as paused writing does. A restarted process appends to the newest
 * file while it has room.
 */
import {
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import path from 'node:path';
import pino, { type DestinationStream } from 'pino';

type FileStream = ReturnType<typeof pino.destination>;

/** `500k`, `10m`, `1g` (powers of 1024; case-insensitive) in bytes. */
export function parseLogFileSize(size: string): number {
  const match = /^([1-9]\d*)([kmg])$/i.exec(size.trim());
  if (!match) throw new Error(`log file size must look like 500k, 10m or 1g, got "${size}"`);
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as 'k' | 'm' | 'g'];
  return Number(match[1]) * unit;
}

export type RotatingFileOptions = {
  dir: string;
  /** File names: `<name>.<n>.log` (default `api`). */
  name?: string;
  maxBytes: number;
  /** Rotated files kept besides the one in use. */
  count: number;
};

export class RotatingFileStream implements DestinationStream {
  private readonly dir: string;
  private readonly name: string;
  private readonly maxBytes: number;
  private readonly count: number;
  private readonly pattern: RegExp;
  private index: number;
  private size: number;
  private file: FileStream;

  constructor(options: RotatingFileOptions) {
    if (!(options.maxBytes > 0)) throw new Error('maxBytes must be positive');
    if (!Number.isInteger(options.count) || options.count < 0)
      throw new Error('count must be an integer >= 0');
    this.dir = options.dir;
    this.name = options.name ?? 'api';
    this.maxBytes = options.maxBytes;
    this.count = options.count;
    mkdirSync(this.dir, { recursive: true });
    this.pattern = new RegExp(`^${this.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.log$`);
    const newest = Math.max(0, ...this.numbers());
    const newestSize = newest > 0 ? statSync(this.pathOf(newest)).size : 0;
    // Resume the newest file while it has room, else start the next one.
    this.index = newest > 0 && newestSize < this.maxBytes ? newest : newest + 1;
    this.size = this.index === newest ? newestSize : 0;
    this.file = this.open();
    this.prune();
  }

  /** The file in use. */
  get currentFile(): string {
    return this.pathOf(this.index);
  }

  write(line: string): boolean {
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    this.size += bytes;
    return this.file.write(line);
  }

  /** Writes what is buffered (pino's `logger.flush()` calls it). */
  flush(callback?: (error?: Error) => void): void {
    this.file.flush(callback);
  }

  flushSync(): void {
    this.file.flushSync();
  }

  /** Flushes and closes the file in use; resolves once it is closed. */
  end(): Promise<void> {
    return new Promise((resolve) => {
      this.file.once('close', () => resolve());
      this.file.end();
    });
  }

  private pathOf(n: number): string {
    return path.join(this.dir, `${this.name}.${n}.log`);
  }

  private numbers(): number[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .map((f) => this.pattern.exec(f)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
  }

  private open(): FileStream {
    // Opened here, synchronously: the file exists before the next rotation lists the folder to prune it.
    const fd = openSync(this.pathOf(this.index), 'a');
    const file = pino.destination({ dest: fd, sync: false });
    this.link();
    return file;
  }

  private rotate(): void {
    // The previous file is flushed and closed in the background; its lines are already counted.
    this.file.end();
    this.index += 1;
    this.size = 0;
    this.file = this.open();
    this.prune();
  }

  /** `current.log` -> the file in use, replaced atomically. */
  private link(): void {
    const link = path.join(this.dir, 'current.log');
    const temporary = `${link}.${process.pid}.tmp`;
    try {
      unlinkSync(temporary);
    } catch {
      // Not there: the usual case.
    }
    try {
      symlinkSync(path.basename(this.pathOf(this.index)), temporary);
      renameSync(temporary, link);
    } catch {
      // A file system without symbolic links: the numbered files are still there.
    }
  }

  private prune(): void {
    for (const n of this.numbers()) {
      if (n < this.index - this.count) {
        try {
          unlinkSync(this.pathOf(n));
        } catch {
          // Already gone (another process sharing the folder).
        }
      }
    }
  }
}
