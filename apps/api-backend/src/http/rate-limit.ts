/**
 * Rate limiting (express-rate-limit). A general budget for every /api route and strict budgets for
 * abuse-prone endpoints (auth, create-payment-intent, confirm-payment), one budget per name. With
 * REDIS_URL the counters live in Redis, so several API instances share them; while Redis is down or slow
 * they live in this instance's memory (`RedisFallbackStore`): requests are neither stalled nor unlimited.
 * Over the limit: 429 `{error: {code: 'RATE_LIMITED', ...}}` with standard RateLimit headers.
 */
import { errorBody } from '@lumira/shared';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { RateLimiters } from '../context';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { RedisFallbackStore, RedisHealth } from './rate-limit-store';

export type CreateRateLimitersOptions = {
  config: Config;
  redis: Redis | null;
  metrics: Metrics;
  logger: Logger;
  /** Shared with /api/ready (created here when not given). */
  redisHealth?: RedisHealth | null;
};

export function createRateLimiters(options: CreateRateLimitersOptions): RateLimiters {
  const { config, redis, metrics, logger } = options;
  const health = redis ? (options.redisHealth ?? new RedisHealth(redis, metrics, logger)) : null;
  const make = (name: string, limit: number): RequestHandler =>
    rateLimit({
      windowMs: config.rateLimit.windowMs,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      passOnStoreError: true,
      // Our own trust-proxy setting decides req.ip; don't let the library second-guess it at runtime.
      validate: { trustProxy: false, xForwardedForHeader: false },
      ...(redis && health
        ? { store: new RedisFallbackStore(redis, health, metrics, `${config.rateLimit.prefix}${name}:`) }
        : {}),
      handler: (req, res) => {
        metrics.rateLimited.inc({ limiter: name });
        req.log?.warn({ limiter: name, requestId: req.requestId }, 'rate limited');
        res.status(429).json(errorBody('RATE_LIMITED', 'Too many requests: slow down and retry later'));
      },
    });

  const strictByName = new Map<string, RequestHandler>();
  if (redis) logger.info('rate limits shared through Redis');
  return {
    general: make('general', config.rateLimit.generalMax),
    strict(name: string) {
      let limiter = strictByName.get(name);
      if (!limiter) {
        limiter = make(`strict-${name}`, config.rateLimit.strictMax);
        strictByName.set(name, limiter);
      }
      return limiter;
    },
  };
}
