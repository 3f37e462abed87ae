/** TEST DOUBLE: a logger as the API makes it (`createLogger`), writing its lines to memory. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../observability/logger';

export function captureLogs(level: 'info' | 'warn' = 'info'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { logger: createLogger({ level, logDir: null, stdout: false, stream }), lines };
}
