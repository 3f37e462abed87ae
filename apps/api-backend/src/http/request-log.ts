/**
 * One log line per request (request id, method, the URL with its sensitive query parameters blanked,
 * remote address, status, duration), and `req.log`, the API's logger bound to the request, for handlers.
 * `/metrics` and `/api/health` are not logged (scraped and probed every few seconds).
 *
 * The line is written by createRequestLineWriter (observability/logger.ts) from those fields alone, with
 * no key-path redaction to check (none could match). `req.log` is a child of the API's logger, with all
 * of its redaction, made the first time a handler logs (most requests log nothing but their line),
 * as Express makes `req.ip` or `req.path`: a getter on the app's request prototype.
 */
import type { Express, Request, RequestHandler } from 'express';
import { createRequestLineWriter, type Logger, redactUrl } from '../observability/logger';

const UNLOGGED_URLS = new Set(['/metrics', '/api/health']);

export function requestLog(app: Express, logger: Logger): RequestHandler {
  const writeLine = createRequestLineWriter(logger);
  const requestLoggers = new WeakMap<Request, Logger>();
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    enumerable: true,
    get(this: Request): Logger {
      let log = requestLoggers.get(this);
      if (!log) {
        log = logger.child({
          req: {
            id: this.requestId,
            method: this.method,
            url: redactUrl(this.originalUrl),
            remoteAddress: this.socket.remoteAddress,
          },
        });
        requestLoggers.set(this, log);
      }
      return log;
    },
  });

  return (req, res, next) => {
    if (!UNLOGGED_URLS.has(req.url)) {
      const started = Date.now();
      // 'close' comes once per response: after 'finish', or when the client goes away first.
      res.once('close', () =>
        writeLine({
          requestId: req.requestId,
          method: req.method,
          url: req.originalUrl,
          remoteAddress: req.socket.remoteAddress,
          statusCode: res.statusCode,
          responseTimeMs: Date.now() - started,
          finished: res.writableFinished,
        }),
      );
    }
    next();
  };
}
