/**
 * Everything a request handler or background job needs, built once per API instance by `startApi`
 * (tests build several per process). Passed explicitly; also reachable as `req.ctx` in handlers.
 */
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { Db } from './data/db';
import type { OrderNotifier } from './data/order-notifier';
import type { MailWorker } from './domain/mail/mail-worker';
import type { RedisHealth } from './http/rate-limit-store';
import type { Logger } from './observability/logger';
import type { Metrics } from './observability/metrics';
import type { PaymentGateway } from './providers/payment-gateway';

export type RateLimiters = {
  /** Strict limiter for abuse-prone endpoints (auth, create-payment-intent, confirm-payment), one budget per name. */
  strict(name: string): RequestHandler;
  /** Generous limiter applied to every /api route. */
  general: RequestHandler;
};

export type AppContext = {
  config: Config;
  db: Db;
  /** Connection string of `db` (dedicated clients such as LISTEN/NOTIFY). */
  databaseUrl: string;
  logger: Logger;
  metrics: Metrics;
  gateway: PaymentGateway;
  notifier: OrderNotifier;
  redis: Redis | null;
  /** Whether Redis answers the rate limiter (null without REDIS_URL). */
  redisHealth: RedisHealth | null;
  rateLimiters: RateLimiters;
  /** The outbox worker of this instance (null: not started here). */
  mailWorker?: MailWorker | null;
};
