/**
 * One log line per request (request id, method, the URL with its sensitive query parameters blanked,
 * remote address, status, duration), and `req.log`, the API's logger bound to the request, for handlers.
 * `/metrics` and `/api/health` are not logged (scraped and probed every few seconds).
 */
import type { Express, Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { type Logger, redactUrl } from '../observability/logger';

const UNLOGGED_URLS = new Set(['/metrics', '/api/health']);

export function requestLog(_app: Express, logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req) => (req as Request).requestId,
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => UNLOGGED_URLS.has(req.url ?? '') },
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
