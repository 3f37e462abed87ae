/**
 * pino JSON logs to stdout and to rotated files in `LOG_DIR` (`api.1.log`, `api.2.log`, ...; `current.log`
 * links to the file in use), with secrets redacted: authorization headers, cookies, order access tokens,
 * client secrets, webhook signatures, passwords, card data. Request URLs are logged with sensitive query
 * parameters (`token`, `client_secret`, ...) blanked.
 *
 * Every object logged goes through REDACT_PATHS (about 90 key paths), on the logger and on its children.
 * The one line per request is the exception, by construction: it is written from fixed fields only
 * (createRequestLineWriter), so no key path could ever match it and none is checked (decision 0087).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { parseLogFileSize, RotatingFileStream } from './rotating-file';

export type { Logger } from 'pino';

export const REDACTED = '[Redacted]';

/**
 * Keys whose values are never logged, wherever they appear (top level and two levels down: request and
 * response headers included, as `req.headers.*` and `res.headers.*`).
 */
export const SENSITIVE_KEYS: readonly string[] = [
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
  'set-cookie',
  'x-order-token',
  'stripe-signature',
  'idempotency-key',
  'card',
  'cardNumber',
  'card_number',
  'cvc',
  'cvv',
  'exp_month',
  'exp_year',
  'payment_method_data',
];

/** Query parameters blanked in logged URLs: the sensitive keys, in any case. */
const SENSITIVE_QUERY_PARAMS = new Set(SENSITIVE_KEYS.map((name) => name.toLowerCase()));

/** `.key`, or `["key"]` for keys that are not identifiers (header names). */
const segment = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

/** Every sensitive key at the top level, one level down and two levels down (pino's redaction paths). */
export const REDACT_PATHS: string[] = SENSITIVE_KEYS.flatMap((k) => [
  segment(k).replace(/^\./, ''),
  `*${segment(k)}`,
  `*.*${segment(k)}`,
]);

/** Replaces the values of sensitive query parameters in a path or URL. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const name of [...params.keys()]) {
    if (SENSITIVE_QUERY_PARAMS.has(name.toLowerCase())) {
      params.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}

/** The one line logged per request (http/request-log.ts), as read from the request: the URL is raw. */
export type RequestLine = {
  requestId: string;
  method: string;
  /** The request's URL; the line holds it with its sensitive query parameters blanked (redactUrl). */
  url: string;
  remoteAddress: string | undefined;
  statusCode: number;
  responseTimeMs: number;
  /** False when the client went away before the response was finished. */
  finished: boolean;
};

/**
 * Writes the one line per request: `req` {id, method, url, remoteAddress}, `res` {statusCode},
 * `responseTime`, at level error (5xx), warn (4xx) or info. Those are the only keys it can hold and none
 * is a sensitive key; the URL, the only free text, is redacted by redactUrl. REDACT_PATHS could therefore
 * never match this line, and checking its ~90 paths on every request (measured by bench/request-log.ts) is
 * skipped: the line goes through a child logger without redaction, private to this function. Objects logged
 * anywhere else, `req.log` included, keep the whole of REDACT_PATHS.
 */
export function createRequestLineWriter(logger: Logger): (line: RequestLine) => void {
  const lineLogger = logger.child({}, { redact: { paths: [], censor: REDACTED } });
  return (line) => {
    const level = line.statusCode >= 500 ? 'error' : line.statusCode >= 400 ? 'warn' : 'info';
    lineLogger[level](
      {
        req: {
          id: line.requestId,
          method: line.method,
          url: redactUrl(line.url),
          remoteAddress: line.remoteAddress,
        },
        res: { statusCode: line.statusCode },
        responseTime: line.responseTimeMs,
      },
      line.statusCode >= 500 ? 'request errored' : line.finished ? 'request completed' : 'request aborted',
    );
  };
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
