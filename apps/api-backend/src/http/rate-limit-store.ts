/**
 * The rate limiter's store when REDIS_URL is set: counters in Redis (shared by every instance) and, always,
 * in this instance's memory; the memory count decides alone whenever Redis is not connected or does not
 * answer within REDIS_COMMAND_TIMEOUT_MS (and a hit never counts less than this instance saw). After a failure, Redis is left alone for a few seconds (every request is
 * decided in memory, in microseconds) and then tried again, so an outage never stalls a request and never
 * lifts the limits. `lumira_redis_up` and `lumira_rate_limit_fallbacks_total` say what is happening;
 * `/api/ready` reports it.
 */
import { type ClientRateLimitInfo, MemoryStore, type Options, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';

/** Sets the counter with its window on the first hit, increments it after; answers [hits, ms to reset]. */
const INCREMENT = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then
  redis.call('SET', KEYS[1], 1, 'PX', ARGV[1])
  return {1, tonumber(ARGV[1])}
end
return {redis.call('INCR', KEYS[1]), ttl}`;

const RETRY_AFTER_FAILURE_MS = 5000;

/** Redis health as the limiters see it (one per API instance, shared by its stores). */
export class RedisHealth {
  private downUntil = 0;
  private reported = false;

  constructor(
    private readonly redis: Redis,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {
    metrics.redisUp.set(redis.status === 'ready' ? 1 : 0);
    redis.on('ready', () => {
      metrics.redisUp.set(1);
      this.downUntil = 0;
    });
    redis.on('close', () => metrics.redisUp.set(0));
  }

  /** true when Redis is connected and answered its last command in time (it may be asked now). */
  usable(): boolean {
    return this.redis.status === 'ready' && Date.now() >= this.downUntil;
  }

  failed(error: unknown): void {
    this.downUntil = Date.now() + RETRY_AFTER_FAILURE_MS;
    this.metrics.redisUp.set(0);
    if (!this.reported) {
      this.reported = true;
      this.logger.warn(
        { err: (error as Error)?.message ?? String(error) },
        'Redis did not answer the rate limiter: limits are kept in memory until it does',
      );
    }
  }

  succeeded(): void {
    if (this.reported) this.logger.info('Redis answers the rate limiter again');
    this.reported = false;
    this.metrics.redisUp.set(1);
  }
}

export class RedisFallbackStore implements Store {
  private readonly memory = new MemoryStore();
  private windowMs = 60_000;

  constructor(
    private readonly redis: Redis,
    private readonly health: RedisHealth,
    private readonly metrics: Metrics,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.memory.init(options);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.memory.get(key);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    // This instance's own count is always kept, so a switch to memory never starts from zero.
    const local = await this.memory.increment(key);
    if (this.health.usable()) {
      try {
        const [hits, ttl] = (await this.redis.eval(INCREMENT, 1, this.prefix + key, this.windowMs)) as [
          number,
          number,
        ];
        this.health.succeeded();
        return {
          totalHits: Math.max(Number(hits), local.totalHits),
          resetTime: new Date(Date.now() + Number(ttl)),
        };
      } catch (error) {
        this.health.failed(error);
      }
    }
    this.metrics.rateLimitFallbacks.inc();
    return local;
  }

  async decrement(key: string): Promise<void> {
    await this.memory.decrement(key);
    if (this.health.usable()) {
      try {
        await this.redis.decr(this.prefix + key);
      } catch (error) {
        this.health.failed(error);
      }
    }
  }

  async resetKey(key: string): Promise<void> {
    await this.memory.resetKey(key);
    if (this.health.usable()) await this.redis.del(this.prefix + key).catch(() => undefined);
  }

  shutdown(): void {
    this.memory.shutdown();
  }
}
