/**
 * The Express application: middleware in order, then the routers, then 404 and THE error handler.
 * Building the app has no side effects (no listening, no database work): `startApi` does those.
 */
import './request-context';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppContext } from '../context';
import { errorHandler, notFoundHandler } from './error-handler';
import { REQUEST_ID_HEADER, requestId } from './request-id';
import { requestLog } from './request-log';
import { createAdminAnomaliesRouter } from './routes/admin-anomalies';
import { createAdminCatalogRouter } from './routes/admin-catalog/index';
import { createAdminEmailsRouter } from './routes/admin-emails/index';
import { createAdminExpertsRouter } from './routes/admin-experts/index';
import { createAdminOrdersRouter } from './routes/admin-orders/index';
import { createAuthRouter } from './routes/auth/index';
import { createCatalogRouter } from './routes/catalog/index';
import { createDeskRouter } from './routes/desk/index';
import { createExpertsRouter } from './routes/experts/index';
import { createLegalRouter } from './routes/legal/index';
import { createOperationsRouter } from './routes/operations/index';
import { createPaymentsRouter, paymentsWebhookRoute } from './routes/payments/index';
import { createRoomsRouter } from './routes/rooms/index';

/** Records request durations by route pattern (never by raw URL: bounded label values). */
function httpMetrics(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const end = ctx.metrics.httpRequestDuration.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ method: req.method, route, status_code: String(res.statusCode) });
    });
    next();
  };
}

export function createApp(ctx: AppContext): Express {
  const { config } = ctx;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);

  app.use((req, _res, next) => {
    req.ctx = ctx;
    req.valid = {};
    next();
  });
  app.use(requestId);
  app.use(requestLog(app, ctx.logger));
  app.use(httpMetrics(ctx));
  app.use(
    helmet({
      // A JSON API read by front ends on other origins (CORS decides who may read it).
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  const allowedOrigins = new Set(config.corsOrigins);
  app.use(
    cors({
      // Unknown origins get no CORS headers at all (the browser then refuses to expose the answer).
      origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin)),
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: [
        'Content-Type',
        'Authorization',
        'Idempotency-Key',
        'X-Order-Token',
        REQUEST_ID_HEADER,
      ],
      exposedHeaders: [REQUEST_ID_HEADER, 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'WWW-Authenticate'],
      maxAge: 600,
    }),
  );

  // ---- RAW-BODY ROUTES: mounted BEFORE express.json() (the webhook verifies the raw bytes) ----------
  app.post(...paymentsWebhookRoute());
  // ---- END RAW-BODY ROUTES -----------------------------------------------------------------------

  app.use(express.json({ limit: config.bodyLimit, strict: true }));
  // Any other body type is read (so size limits apply) and then ignored: validation asks for JSON.
  app.use(express.raw({ type: () => true, limit: config.bodyLimit }), (req, _res, next) => {
    if (Buffer.isBuffer(req.body)) req.body = undefined;
    next();
  });

  app.use(createOperationsRouter(ctx));
  app.use('/api', ctx.rateLimiters.general);

  // ---- ROUTERS (one line per resource) ----------------------------------------------------------
  app.use('/api/auth', createAuthRouter(ctx));
  app.use('/api/catalog', createCatalogRouter(ctx));
  app.use('/api/experts', createExpertsRouter(ctx));
  app.use('/api/legal', createLegalRouter(ctx));
  app.use('/api/admin/catalog', createAdminCatalogRouter(ctx));
  app.use('/api/admin/experts', createAdminExpertsRouter(ctx));
  app.use('/api/admin/emails', createAdminEmailsRouter(ctx));
  app.use('/api/admin/payment-anomalies', createAdminAnomaliesRouter(ctx));
  app.use('/api/payments', createPaymentsRouter(ctx));
  app.use('/api/desk', createDeskRouter(ctx));
  app.use('/api/admin', createAdminOrdersRouter(ctx));
  app.use('/api/rooms', createRoomsRouter(ctx));
  // ---- END ROUTERS -----------------------------------------------------------------------------

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
