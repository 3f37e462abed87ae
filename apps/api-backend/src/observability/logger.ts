/**
 * pino JSON logs to stdout and to rotated files in `LOG_DIR` (`api.1.log`, `api.2.log`, ...; `current.log`
 * links to the file in use), with secrets redacted: authorization headers, cookies, order access tokens,
 * client secrets, webhook signatures, passwords, card data. Request URLs are logged with sensitive query
 * parameters (`token`, `client_secret`, ...) blanked.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { parseLogFileSize, RotatingFileStream } from './rotating-file';

export type { Logger } from 'pino';

export const REDACTED = '[Redacted]';

/** Keys whose values are never logged, wherever they appear (top level and two levels down). */
const SENSITIVE_KEYS = [
  'password',
  'newPassword',
  'password_hash',
  'passwordHash',
  'token',
  'accessToken',
  'orderAccessToken',
  'access_token',
  'access_token_hash',
  'clientSecret',
  'client_secret',
  'payment_intent_client_secret',
  'secret',
  'secretKey',
  'webhookSecret',
  'jwt',
  'authorization',
  'cookie',
  'card',
  'cardNumber',
  'card_number',
  'cvc',
  'cvv',
  'exp_month',
  'exp_year',
  'payment_method_data',
];

/** Query parameters blanked in logged URLs. */
const SENSITIVE_QUERY_PARAMS = [
  'token',
  'client_secret',
  'payment_intent_client_secret',
  'access_token',
  'jwt',
];

export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-order-token"]',
  'req.headers["stripe-signature"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

/** Replaces the values of sensitive query parameters in a path or URL. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const name of [...params.keys()]) {
    if (SENSITIVE_QUERY_PARAMS.includes(name.toLowerCase())) {
      params.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}

/** Rotation of the log files: no file grows past `maxSize` (`500k`, `10m`, `1g`), and `count` rotated
 * files are kept besides the one in use (older ones are deleted). */
export type LogFileRotation = { maxSize: string; count: number };

export const DEFAULT_LOG_FILE_ROTATION: LogFileRotation = { maxSize: '10m', count: 5 };

export type CreateLoggerOptions = {
  level: pino.LevelWithSilent;
  /** A plain `api.log` in this folder (no rotation); null: none. The API itself passes `files` instead. */
  logDir: string | null;
  /** Rotated log files (openRotatingLogFiles). */
  files?: DestinationStream;
  /** Log to stdout as well (default true). */
  stdout?: boolean;
  /** Extra destination (tests capture logs with it). */
  stream?: DestinationStream;
  name?: string;
};

/** Opens `dir/api.<n>.log` rotating by size, `current.log` linking to the file in use (rotating-file.ts). */
export async function openRotatingLogFiles(
  dir: string,
  rotation: LogFileRotation = DEFAULT_LOG_FILE_ROTATION,
): Promise<DestinationStream> {
  return new RotatingFileStream({ dir, maxBytes: parseLogFileSize(rotation.maxSize), count: rotation.count });
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const streams: pino.StreamEntry[] = [];
  if (options.stdout !== false)
    streams.push({ level: 'trace', stream: pino.destination({ dest: 1, sync: false }) });
  if (options.logDir) {
    mkdirSync(options.logDir, { recursive: true });
    streams.push({
      level: 'trace',
      stream: pino.destination({ dest: path.join(options.logDir, 'api.log'), sync: false, mkdir: true }),
    });
  }
  if (options.files) streams.push({ level: 'trace', stream: options.files });
  if (options.stream) streams.push({ level: 'trace', stream: options.stream });
  return pino(
    {
      name: options.name ?? 'lumira-api',
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: pino.stdSerializers.err },
    },
    pino.multistream(streams),
  );
}
