/**
 * The API's configuration: `process.env` is parsed ONCE, here, with a schema. Nothing else in the API
 * reads `process.env`. `loadConfig(env)` is pure apart from generating development secrets, so tests
 * call it with their own env objects.
 *
 * - Every bad key is named in one error (fail fast, all problems at once).
 * - Development/test: missing secrets are generated (and `notices` says so).
 * - Production: JWT_SECRET, STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are required and development
 *   secrets (generated or copied from `.env.example`) are refused.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** `apps/api-backend/` (this file lives in `apps/api-backend/src/`). */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The monorepo root. */
export const REPO_ROOT = path.resolve(APP_ROOT, '..', '..');

/** The offline Stripe sandbox's default address (`npm run sandbox`). */
export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:12111';

/** Marker carried by every generated development secret, so production can recognise and refuse them. */
const DEV_SECRET_MARKER = 'lumira_dev_';
/** Placeholder values shipped in `.env.example`: never acceptable in production. */
const EXAMPLE_SECRET_MARKERS = ['change-me', 'change_me', 'replace-me', 'replace_me', 'example'];

export type NodeEnv = 'development' | 'production' | 'test';

export type Config = Readonly<{
  env: NodeEnv;
  isProduction: boolean;
  isDevelopment: boolean;
  host: string;
  port: number;
  /** FRONTEND_URL (comma-separated list allowed). */
  frontendUrls: readonly string[];
  /** Origins that get CORS headers: FRONTEND_URL plus, outside production, localhost 3000/5173/3002. */
  corsOrigins: readonly string[];
  jwt: Readonly<{ secret: string; expiresIn: string; expiresInSeconds: number }>;
  stripe: Readonly<{
    secretKey: string;
    webhookSecret: string;
    /** STRIPE_API_BASE as given (null: the real Stripe API); the gateway derives the SDK's host/port/protocol. */
    apiBase: string | null;
    /** One provider request's time limit (STRIPE_TIMEOUT_MS) and the SDK's retries (same idempotency key). */
    timeoutMs: number;
    maxNetworkRetries: number;
    /** How far a webhook signature's timestamp may be from now, past or future (seconds). */
    webhookToleranceSeconds: number;
  }>;
  /** null: start embedded PostgreSQL. */
  databaseUrl: string | null;
  /**
   * The connection pool: size, how long a request waits for a connection, and the server-side limits
   * each session gets (a statement, and a transaction left idle, are ended past them).
   */
  dbPool: Readonly<{
    max: number;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
  }>;
  embeddedPg: Readonly<{ port: number; dataDir: string }>;
  dataDir: string;
  redisUrl: string | null;
  /** Each Redis command's time limit; past it the rate limiter falls back to memory. */
  redisCommandTimeoutMs: number;
  /** null: log to stdout only. */
  logDir: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Rotation of the files in logDir: a new file past maxSize (`10m`), `count` rotated files kept. */
  logFile: Readonly<{ maxSize: string; count: number }>;
  orderExpiryMinutes: number;
  /** 0 disables the periodic reconciliation job (it still runs once at start unless RECONCILE_ON_START=false). */
  reconcileIntervalSeconds: number;
  reconcileOnStart: boolean;
  /** Unpaid orders looked at per reconciliation pass, and provider calls made at once by a pass. */
  reconcileBatchSize: number;
  reconcileConcurrency: number;
  /** `prefix` namespaces the Redis keys (instances sharing limits must share the prefix). */
  rateLimit: Readonly<{ windowMs: number; strictMax: number; generalMax: number; prefix: string }>;
  /** Body size limit for JSON bodies (express/body-parser syntax, e.g. `100kb`). */
  bodyLimit: string;
  /** Express `trust proxy` setting (hops). 0 = do not trust X-Forwarded-For. */
  trustProxy: number;
  seedDemoData: boolean;
  /**
   * When set, GET /metrics requires `Authorization: Bearer <token>`. In production without it, /metrics
   * is off (404): business figures are never public.
   */
  metricsToken: string | null;
  /** Abuse caps: open live streams per client (IP or user), unpaid orders per customer e-mail or account. */
  limits: Readonly<{ sseStreamsPerClient: number; pendingOrdersPerCustomer: number }>;
  /** STUN/TURN servers handed to the consultation room's WebRTC calls (none: host candidates only, enough on one network). */
  webrtc: Readonly<{
    iceServers: readonly Readonly<{ urls: string[]; username?: string; credential?: string }>[];
  }>;
  /** Names of secrets generated because they were missing (development/test only). */
  generatedSecrets: readonly string[];
  /** E-mail delivery (transactional outbox worker, SMTP through nodemailer). */
  mail: Readonly<{
    /** null: no SMTP server configured; e-mails wait in the outbox (admins see them pending). */
    smtpUrl: string | null;
    from: string;
    /** Start the outbox worker in this instance (MAIL_WORKER, default true). */
    worker: boolean;
    pollIntervalMs: number;
    maxAttempts: number;
    /** First retry delay; doubles at each attempt (capped at one hour). */
    retryBaseMs: number;
    /** How long a claimed e-mail stays reserved for its worker; after that another worker may resend it. */
    leaseMs: number;
    /** E-mails one instance sends at the same time (a slow one does not hold the others back). */
    concurrency: number;
  }>;
  /** Base of every absolute link in e-mails (the customer site), without trailing slash. */
  publicUrl: string;
  /** Lifetime of the order links sent by e-mail (scoped tokens), in seconds. */
  orderLinkTtlSeconds: number;
  /** Who sells: printed on invoices, credit notes and the legal pages. */
  seller: Readonly<{
    name: string;
    legalForm: string;
    address: string;
    siren: string;
    rcs: string;
    vatNumber: string | null;
    /** VAT rate in basis points (2000 = 20 %); 0: "TVA non applicable, art. 293 B du CGI". */
    vatRateBasisPoints: number;
    email: string;
    publicationDirector: string;
    host: string;
  }>;
  /** Things to say once at start (generated secrets, ignored MONGODB_URI). */
  notices: readonly string[];
}>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly { key: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.key}: ${p.message}`).join('\n')}`);
  }
}

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.preprocess(
  emptyToUndefined,
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .optional(),
);

const durationPattern = /^(\d+)\s*(s|m|h|d|w)?$/;
const DURATION_UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

function parseDurationSeconds(value: string): number | null {
  const match = durationPattern.exec(value.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * DURATION_UNIT_SECONDS[match[2] ?? 's']!;
  return seconds > 0 ? seconds : null;
}

const urlString = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http(s) URL');

/** A comma-separated list of STUN or TURN URLs (`stun:host:port`, `turns:host:port?transport=tcp`). */
function iceUrlList(scheme: RegExp, example: string) {
  return z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(scheme, `must be a comma-separated list like ${example}`)).min(1));
}

const EnvSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyToUndefined,
    z.enum(['development', 'production', 'test']).default('development'),
  ),
  /** Default: 127.0.0.1 outside production (the demo logins are public), 0.0.0.0 in production. */
  HOST: z.preprocess(emptyToUndefined, z.string().optional()),
  PORT: z.preprocess(emptyToUndefined, int(0, 65_535).default(3001)),
  FRONTEND_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('http://localhost:5173')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim().replace(/\/+$/, ''))
          .filter(Boolean),
      )
      .pipe(z.array(urlString).min(1)),
  ),
  JWT_SECRET: optionalString,
  JWT_EXPIRES_IN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('7d')
      .refine((v) => parseDurationSeconds(v) !== null, 'must be a duration like 3600, 30m, 12h or 7d'),
  ),
  STRIPE_SECRET_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'must be a Stripe secret key (sk_test_..., sk_live_...)')
      .optional(),
  ),
  STRIPE_WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^whsec_[A-Za-z0-9_+/=-]+$/, 'must be a webhook signing secret (whsec_...)')
      .optional(),
  ),
  STRIPE_API_BASE: z.preprocess(emptyToUndefined, urlString.optional()),
  STRIPE_TIMEOUT_MS: z.preprocess(emptyToUndefined, int(100, 120_000).default(10_000)),
  STRIPE_MAX_NETWORK_RETRIES: z.preprocess(emptyToUndefined, int(0, 5).default(2)),
  STRIPE_WEBHOOK_TOLERANCE_SECONDS: z.preprocess(emptyToUndefined, int(1, 3600).default(300)),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DB_POOL_MAX: z.preprocess(emptyToUndefined, int(1, 500).default(10)),
  DB_CONNECT_TIMEOUT_MS: z.preprocess(emptyToUndefined, int(100, 120_000).default(5000)),
  DB_STATEMENT_TIMEOUT_MS: z.preprocess(emptyToUndefined, int(100, 3_600_000).default(15_000)),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.preprocess(emptyToUndefined, int(100, 3_600_000).default(30_000)),
  EMBEDDED_PG_PORT: z.preprocess(emptyToUndefined, int(1, 65_535).default(54329)),
  DATA_DIR: optionalString,
  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  REDIS_COMMAND_TIMEOUT_MS: z.preprocess(emptyToUndefined, int(10, 60_000).default(300)),
  LOG_DIR: optionalString,
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
  LOG_FILE_MAX_SIZE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[1-9]\d*[kmg]$/i, 'must be a size like 500k, 10m or 1g')
      .default('10m'),
  ),
  LOG_FILE_COUNT: z.preprocess(emptyToUndefined, int(1, 1000).default(5)),
  ORDER_EXPIRY_MINUTES: z.preprocess(emptyToUndefined, int(1, 7 * 24 * 60).default(30)),
  RECONCILE_INTERVAL_SECONDS: z.preprocess(emptyToUndefined, int(0, 86_400).default(120)),
  RECONCILE_ON_START: bool,
  RECONCILE_BATCH_SIZE: z.preprocess(emptyToUndefined, int(1, 100_000).default(200)),
  RECONCILE_CONCURRENCY: z.preprocess(emptyToUndefined, int(1, 64).default(4)),
  RATE_LIMIT_WINDOW_SECONDS: z.preprocess(emptyToUndefined, int(1, 86_400).default(60)),
  RATE_LIMIT_STRICT_MAX: z.preprocess(emptyToUndefined, int(1, 1_000_000).default(30)),
  RATE_LIMIT_MAX: z.preprocess(emptyToUndefined, int(1, 1_000_000).default(600)),
  RATE_LIMIT_PREFIX: z.preprocess(emptyToUndefined, z.string().max(100).default('lumira:rl:')),
  BODY_LIMIT: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must be a size like 100kb or 1mb')
      .default('100kb'),
  ),
  TRUST_PROXY: z.preprocess(emptyToUndefined, int(0, 10).default(0)),
  SEED_DEMO_DATA: bool,
  METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  SSE_MAX_STREAMS_PER_CLIENT: z.preprocess(emptyToUndefined, int(1, 10_000).default(20)),
  PENDING_ORDERS_MAX_PER_CUSTOMER: z.preprocess(emptyToUndefined, int(1, 10_000).default(5)),
  MONGODB_URI: optionalString,
  WEBRTC_STUN_URLS: z.preprocess(emptyToUndefined, iceUrlList(/^stuns?:/, 'stun:host:port').optional()),
  WEBRTC_TURN_URLS: z.preprocess(emptyToUndefined, iceUrlList(/^turns?:/, 'turn:host:port').optional()),
  WEBRTC_TURN_USERNAME: optionalString,
  WEBRTC_TURN_CREDENTIAL: optionalString,
  PUBLIC_URL: z.preprocess(emptyToUndefined, urlString.optional()),
  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  MAIL_FROM: optionalString,
  MAIL_WORKER: bool,
  MAIL_POLL_INTERVAL_MS: z.preprocess(emptyToUndefined, int(20, 3_600_000).default(2000)),
  MAIL_MAX_ATTEMPTS: z.preprocess(emptyToUndefined, int(1, 100).default(8)),
  MAIL_RETRY_BASE_MS: z.preprocess(emptyToUndefined, int(10, 3_600_000).default(30_000)),
  MAIL_LEASE_MS: z.preprocess(emptyToUndefined, int(500, 3_600_000).default(120_000)),
  MAIL_CONCURRENCY: z.preprocess(emptyToUndefined, int(1, 32).default(4)),
  ORDER_LINK_TTL_DAYS: z.preprocess(emptyToUndefined, int(1, 365).default(30)),
  SELLER_NAME: optionalString,
  SELLER_LEGAL_FORM: optionalString,
  SELLER_ADDRESS: optionalString,
  SELLER_SIREN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{3} ?\d{3} ?\d{3}$/, 'must be 9 digits')
      .optional(),
  ),
  SELLER_RCS: optionalString,
  SELLER_VAT_NUMBER: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/, 'must be an intra-community VAT number like FR12345678901')
      .optional(),
  ),
  VAT_RATE_PERCENT: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{1,2}(\.\d{1,2})?$/, 'must be a percentage like 0, 5.5 or 20')
      .default('0'),
  ),
  SELLER_EMAIL: optionalString,
  SELLER_PUBLICATION_DIRECTOR: optionalString,
  SELLER_HOST: optionalString,
});

export type EnvInput = Partial<Record<keyof z.input<typeof EnvSchema>, string | undefined>>;
export const CONFIG_ENV_KEYS = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

function generateSecret(prefix: string): string {
  return `${prefix}${DEV_SECRET_MARKER}${randomBytes(24).toString('hex')}`;
}

function isDevelopmentSecret(value: string): boolean {
  const lower = value.toLowerCase();
  return lower.includes(DEV_SECRET_MARKER) || EXAMPLE_SECRET_MARKERS.some((m) => lower.includes(m));
}

function developmentOrigins(): string[] {
  const origins: string[] = [];
  for (const host of ['localhost', '127.0.0.1']) {
    for (const port of [3000, 5173, 3002]) origins.push(`http://${host}:${port}`);
  }
  return origins;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Parses an environment object into the API's frozen configuration, or throws `ConfigError` naming every
 * bad key. Unknown keys are ignored (the process environment holds many unrelated variables).
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      key: String(issue.path[0] ?? '(env)'),
      message: issue.message,
    }));
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const problems: { key: string; message: string }[] = [];
  const notices: string[] = [];
  const generatedSecrets: string[] = [];

  const secret = (key: 'JWT_SECRET' | 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET', prefix: string) => {
    const value = e[key];
    if (isProduction) {
      if (!value) problems.push({ key, message: 'is required in production' });
      else if (isDevelopmentSecret(value)) {
        problems.push({ key, message: 'is a development/example secret: refused in production' });
      }
      return value ?? '';
    }
    if (value) return value;
    generatedSecrets.push(key);
    return generateSecret(prefix);
  };

  const jwtSecret = secret('JWT_SECRET', '');
  if (isProduction && e.JWT_SECRET && e.JWT_SECRET.length < 32) {
    problems.push({ key: 'JWT_SECRET', message: 'must be at least 32 characters in production' });
  }
  const stripeSecretKey = secret('STRIPE_SECRET_KEY', 'sk_test_');
  const webhookSecret = secret('STRIPE_WEBHOOK_SECRET', 'whsec_');
  if (isProduction && e.STRIPE_SECRET_KEY?.startsWith('sk_test_') && !e.STRIPE_API_BASE) {
    notices.push('STRIPE_SECRET_KEY is a test-mode key: payments in production run in Stripe test mode.');
  }
  if (e.WEBRTC_TURN_URLS && (!e.WEBRTC_TURN_USERNAME || !e.WEBRTC_TURN_CREDENTIAL)) {
    problems.push({
      key: 'WEBRTC_TURN_URLS',
      message: 'needs WEBRTC_TURN_USERNAME and WEBRTC_TURN_CREDENTIAL',
    });
  }
  const vatRateBasisPoints = Math.round(Number(e.VAT_RATE_PERCENT) * 100);
  if (vatRateBasisPoints > 0 && !e.SELLER_VAT_NUMBER) {
    problems.push({
      key: 'SELLER_VAT_NUMBER',
      message: 'is required when VAT_RATE_PERCENT is not 0 (invoices must show it)',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (isProduction) {
    const missingSeller = (['SELLER_NAME', 'SELLER_ADDRESS', 'SELLER_SIREN', 'SELLER_EMAIL'] as const).filter(
      (key) => !e[key],
    );
    if (missingSeller.length > 0) {
      notices.push(
        `${missingSeller.join(', ')} not set: invoices and legal pages show placeholder seller details. Set them before taking real payments.`,
      );
    }
    if (!e.METRICS_TOKEN) {
      notices.push('METRICS_TOKEN not set: GET /metrics is off (404) until it is configured.');
    }
    if (!e.SMTP_URL) {
      notices.push('SMTP_URL not set: e-mails are queued in the outbox and not sent until it is configured.');
    }
  }

  if (generatedSecrets.length > 0) {
    notices.push(
      `Generated development secrets for ${generatedSecrets.join(', ')} (set them in the environment to keep them across restarts; production refuses to start without them).`,
    );
  }
  if (e.MONGODB_URI) {
    notices.push(
      'MONGODB_URI is set but ignored: this version stores its data in PostgreSQL (DATABASE_URL).',
    );
  }

  // A generated Stripe key can only work against the sandbox: default STRIPE_API_BASE to it.
  let apiBase = e.STRIPE_API_BASE ?? null;
  if (!apiBase && generatedSecrets.includes('STRIPE_SECRET_KEY')) {
    apiBase = DEFAULT_SANDBOX_URL;
    notices.push(`STRIPE_API_BASE not set: using the offline Stripe sandbox at ${DEFAULT_SANDBOX_URL}.`);
  }

  const dataDir = path.resolve(REPO_ROOT, e.DATA_DIR ?? 'data');
  const logDirRaw = e.LOG_DIR ?? path.join(APP_ROOT, 'logs');
  const logDir = logDirRaw === 'off' || logDirRaw === 'none' ? null : path.resolve(APP_ROOT, logDirRaw);
  const corsOrigins = [...new Set([...e.FRONTEND_URL, ...(isProduction ? [] : developmentOrigins())])];

  return deepFreeze({
    env: e.NODE_ENV,
    isProduction,
    isDevelopment: e.NODE_ENV === 'development',
    host: e.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1'),
    port: e.PORT,
    frontendUrls: e.FRONTEND_URL,
    corsOrigins,
    jwt: {
      secret: jwtSecret,
      expiresIn: e.JWT_EXPIRES_IN,
      expiresInSeconds: parseDurationSeconds(e.JWT_EXPIRES_IN)!,
    },
    stripe: {
      secretKey: stripeSecretKey,
      webhookSecret,
      apiBase,
      timeoutMs: e.STRIPE_TIMEOUT_MS,
      maxNetworkRetries: e.STRIPE_MAX_NETWORK_RETRIES,
      webhookToleranceSeconds: e.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
    },
    databaseUrl: e.DATABASE_URL ?? null,
    dbPool: {
      max: e.DB_POOL_MAX,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    embeddedPg: { port: e.EMBEDDED_PG_PORT, dataDir: path.join(dataDir, 'postgres') },
    dataDir,
    redisUrl: e.REDIS_URL ?? null,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    logDir,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'warn' : 'info'),
    logFile: { maxSize: e.LOG_FILE_MAX_SIZE.toLowerCase(), count: e.LOG_FILE_COUNT },
    orderExpiryMinutes: e.ORDER_EXPIRY_MINUTES,
    reconcileIntervalSeconds: e.RECONCILE_INTERVAL_SECONDS,
    reconcileOnStart: e.RECONCILE_ON_START ?? true,
    reconcileBatchSize: e.RECONCILE_BATCH_SIZE,
    reconcileConcurrency: e.RECONCILE_CONCURRENCY,
    rateLimit: {
      windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000,
      strictMax: e.RATE_LIMIT_STRICT_MAX,
      generalMax: e.RATE_LIMIT_MAX,
      prefix: e.RATE_LIMIT_PREFIX,
    },
    bodyLimit: e.BODY_LIMIT.toLowerCase(),
    trustProxy: e.TRUST_PROXY,
    seedDemoData: e.SEED_DEMO_DATA ?? e.NODE_ENV === 'development',
    metricsToken: e.METRICS_TOKEN ?? null,
    limits: {
      sseStreamsPerClient: e.SSE_MAX_STREAMS_PER_CLIENT,
      pendingOrdersPerCustomer: e.PENDING_ORDERS_MAX_PER_CUSTOMER,
    },
    webrtc: {
      iceServers: [
        ...(e.WEBRTC_STUN_URLS ? [{ urls: e.WEBRTC_STUN_URLS }] : []),
        ...(e.WEBRTC_TURN_URLS
          ? [
              {
                urls: e.WEBRTC_TURN_URLS,
                username: e.WEBRTC_TURN_USERNAME!,
                credential: e.WEBRTC_TURN_CREDENTIAL!,
              },
            ]
          : []),
      ],
    },
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from:
        e.MAIL_FROM ?? `${e.SELLER_NAME ?? 'Lumira Oracle'} <${e.SELLER_EMAIL ?? 'no-reply@lumira.test'}>`,
      worker: e.MAIL_WORKER ?? true,
      pollIntervalMs: e.MAIL_POLL_INTERVAL_MS,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      retryBaseMs: e.MAIL_RETRY_BASE_MS,
      leaseMs: e.MAIL_LEASE_MS,
      concurrency: e.MAIL_CONCURRENCY,
    },
    publicUrl: (e.PUBLIC_URL ?? e.FRONTEND_URL[0]!).replace(/\/+$/, ''),
    orderLinkTtlSeconds: e.ORDER_LINK_TTL_DAYS * 86_400,
    seller: {
      name: e.SELLER_NAME ?? 'Lumira Oracle SAS',
      legalForm: e.SELLER_LEGAL_FORM ?? 'SAS au capital de 1 000 €',
      address: e.SELLER_ADDRESS ?? '10 rue de l’Exemple, 75001 Paris, France',
      siren: (e.SELLER_SIREN ?? '000000000').replace(/ /g, ''),
      rcs: e.SELLER_RCS ?? 'RCS Paris',
      vatNumber: e.SELLER_VAT_NUMBER ?? null,
      vatRateBasisPoints,
      email: e.SELLER_EMAIL ?? 'contact@lumira.test',
      publicationDirector: e.SELLER_PUBLICATION_DIRECTOR ?? 'La présidence de Lumira Oracle SAS',
      host: e.SELLER_HOST ?? 'Hébergeur à compléter (nom, adresse, téléphone)',
    },
    generatedSecrets,
    notices,
  });
}

let cached: Config | null = null;

/** The process configuration, parsed from `process.env` on first use (fails fast with every bad key). */
export function getConfig(): Config {
  cached ??= loadConfig(process.env);
  return cached;
}
