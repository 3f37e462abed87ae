// Configuration of the local stack: ports (overridable by env), the data directory, development
// secrets generated once and kept under data/ so that restarts agree, and the environment of each child.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Demo accounts seeded by the API in development (docs: INTERFACES.md). */
export const DEMO_LOGINS = [
  { role: 'admin', email: 'admin@lumira.test', password: 'admin-demo-2026' },
  { role: 'expert "Expert Test"', email: 'expert@lumira.test', password: 'expert-demo-2026' },
  { role: 'customer', email: 'client@lumira.test', password: 'client-demo-2026' },
];

// Development values carry the API's development marker (`lumira_dev_`): production refuses them.
export const STRIPE_SECRET_KEY = 'sk_test_lumira_dev_local_sandbox';
export const STRIPE_PUBLISHABLE_KEY = 'pk_test_lumira_dev_local_sandbox';

const PORTS = /** @type {const} */ ([
  ['api', 'LUMIRA_API_PORT', 3001],
  ['sandbox', 'LUMIRA_SANDBOX_PORT', 12111],
  ['web', 'LUMIRA_WEB_PORT', 5173],
  ['desk', 'LUMIRA_DESK_PORT', 3002],
  ['pg', 'LUMIRA_PG_PORT', 54329],
  ['mailSmtp', 'LUMIRA_MAIL_SMTP_PORT', 1025],
  ['mail', 'LUMIRA_MAIL_PORT', 8025],
]);

/**
 * @typedef {{ api: number; sandbox: number; web: number; desk: number; pg: number; mailSmtp: number; mail: number }} Ports
 * @typedef {{ root: string; dataDir: string; host: string; ports: Ports; portVars: Record<keyof Ports, string> }} StackConfig
 */

/** @param {NodeJS.ProcessEnv} env @returns {StackConfig} */
export function readStackConfig(env = process.env) {
  const ports = /** @type {Ports} */ ({});
  const portVars = /** @type {Record<keyof Ports, string>} */ ({});
  const errors = [];
  for (const [key, name, fallback] of PORTS) {
    portVars[key] = name;
    const raw = env[name];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65535)
      errors.push(`${name} must be a port number (got "${raw}")`);
    ports[key] = value;
  }
  const seen = new Map();
  for (const [key, value] of Object.entries(ports)) {
    if (seen.has(value)) errors.push(`port ${value} is used twice (${seen.get(value)} and ${key})`);
    seen.set(value, key);
  }
  if (errors.length) throw new Error(errors.join('\n'));
  const rawDataDir = env.LUMIRA_DATA_DIR || join(ROOT, 'data');
  const dataDir = isAbsolute(rawDataDir) ? rawDataDir : resolve(ROOT, rawDataDir);
  return { root: ROOT, dataDir, host: '127.0.0.1', ports, portVars };
}

/**
 * The webhook secret and JWT secret of this data directory: generated on first start, reused after.
 * @param {string} dataDir @returns {{ webhookSecret: string; jwtSecret: string }}
 */
export function loadDevSecrets(dataDir) {
  const file = join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof saved.webhookSecret === 'string' && typeof saved.jwtSecret === 'string') return saved;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    webhookSecret: `whsec_lumira_dev_${randomBytes(24).toString('hex')}`,
    jwtSecret: `lumira_dev_jwt_${randomBytes(32).toString('hex')}`,
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

/** Resolves when `port` can be bound on `host`, rejects with EADDRINUSE otherwise. @param {number} port @param {string} host */
function probePort(port, host) {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => server.close(() => resolvePort(undefined)));
  });
}

/** @param {StackConfig} config @param {(keyof Ports)[]} keys */
export async function assertPortsFree(config, keys) {
  const busy = [];
  for (const key of keys) {
    try {
      await probePort(config.ports[key], config.host);
    } catch {
      busy.push(`port ${config.ports[key]} is in use (set ${config.portVars[key]} to use another one)`);
    }
  }
  if (busy.length) throw new Error(busy.join('\n'));
}

/** Environment without variables that would silently change the children's behaviour. @returns {NodeJS.ProcessEnv} */
export function baseChildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || key.startsWith('VITE_') || key.startsWith('npm_') || key === 'TEST')
      delete env[key];
  }
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'NODE_ENV', 'PORT', 'MONGODB_URI', 'STRIPE_API_BASE'])
    delete env[key];
  delete env.FORCE_COLOR;
  if (process.stdout.isTTY) env.FORCE_COLOR = '1';
  else env.NO_COLOR = '1';
  return env;
}

/** @param {StackConfig} config */
export function urls(config) {
  const { ports } = config;
  return {
    api: `http://localhost:${ports.api}`,
    apiLocal: `http://127.0.0.1:${ports.api}`,
    sandbox: `http://127.0.0.1:${ports.sandbox}`,
    web: `http://localhost:${ports.web}`,
    desk: `http://localhost:${ports.desk}`,
    mail: `http://127.0.0.1:${ports.mail}`,
    smtp: `smtp://127.0.0.1:${ports.mailSmtp}`,
  };
}

/** The development mail catcher (Mailpit's conventions). @param {StackConfig} config */
export function mailCatcherEnv(config) {
  return {
    MAIL_CATCHER_HOST: config.host,
    MAIL_CATCHER_SMTP_PORT: String(config.ports.mailSmtp),
    MAIL_CATCHER_HTTP_PORT: String(config.ports.mail),
  };
}

/** @param {StackConfig} config @param {{ webhookSecret: string }} secrets */
export function sandboxEnv(config, secrets) {
  const u = urls(config);
  return {
    SANDBOX_PORT: String(config.ports.sandbox),
    SANDBOX_HOST: config.host,
    SANDBOX_WEBHOOK_URL: `${u.apiLocal}/api/payments/webhook`,
    SANDBOX_WEBHOOK_SECRET: secrets.webhookSecret,
    SANDBOX_PERSIST_FILE: join(config.dataDir, 'sandbox', 'state.json'),
  };
}

/** @param {StackConfig} config @param {{ webhookSecret: string; jwtSecret: string }} secrets */
export function apiEnv(config, secrets) {
  const u = urls(config);
  return {
    NODE_ENV: 'development',
    PORT: String(config.ports.api),
    // The first origin is the customer site; the list is also the CORS allow-list (the desk included).
    FRONTEND_URL: [
      u.web,
      u.desk,
      `http://127.0.0.1:${config.ports.web}`,
      `http://127.0.0.1:${config.ports.desk}`,
    ].join(','),
    JWT_SECRET: secrets.jwtSecret,
    STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: secrets.webhookSecret,
    STRIPE_API_BASE: u.sandbox,
    EMBEDDED_PG_PORT: String(config.ports.pg),
    // The API keeps its embedded PostgreSQL under DATA_DIR/postgres.
    DATA_DIR: config.dataDir,
    // E-mails go to the mail catcher; their links point at the customer site.
    SMTP_URL: u.smtp,
    PUBLIC_URL: u.web,
    MAIL_POLL_INTERVAL_MS: '500',
  };
}

/** VITE_* values baked into both front ends. @param {StackConfig} config @returns {Record<string, string>} */
export function webEnv(config) {
  const u = urls(config);
  return {
    VITE_API_URL: u.api,
    VITE_STRIPE_PUBLISHABLE_KEY: STRIPE_PUBLISHABLE_KEY,
    VITE_STRIPE_JS_URL: `${u.sandbox}/v3/stripe.js`,
    VITE_APP_NAME: 'Lumira Oracle',
  };
}

/**
 * Polls `url` until it answers 2xx. Rejects after `timeoutMs` or as soon as `abort()` returns a reason.
 * @param {string} url @param {{ timeoutMs: number; abort?: () => string | null }} options
 */
export async function waitForHttp(url, { timeoutMs, abort }) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const reason = abort?.();
    if (reason) throw new Error(reason);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = /** @type {Error} */ (error).message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} not ready after ${Math.round(timeoutMs / 1000)} s (${last})`);
}

/** @param {StackConfig} config @param {{ mode: string; seconds: number; web: boolean }} info */
export function banner(config, { mode, seconds, web }) {
  const u = urls(config);
  const lines = [
    '',
    `Lumira Oracle is running (${mode}, ready in ${seconds.toFixed(1)} s)`,
    '',
    ...(web
      ? [
          `  Customer site   ${u.web}`,
          `  Order page      ${u.web}/commande?level=premium&service=premium&expert=Expert%20Test`,
          `  Expert desk     ${u.desk}`,
        ]
      : ['  Front ends      not started (LUMIRA_NO_WEB)']),
    `  API             ${u.api}   (health ${u.api}/api/ready, metrics ${u.api}/metrics)`,
    `  Stripe sandbox  ${u.sandbox}   (test cards: 4242 4242 4242 4242 ok, 4000 0000 0000 0002 declined, 4000 0027 6000 3184 3-D Secure)`,
    `  E-mails         ${u.mail}   (every e-mail the API sends is caught here; SMTP ${u.smtp})`,
    `  PostgreSQL      embedded on 127.0.0.1:${config.ports.pg}, data in ${config.dataDir}`,
    '',
    '  Demo logins:',
    ...DEMO_LOGINS.map((d) => `    ${d.role.padEnd(22)} ${d.email.padEnd(22)} ${d.password}`),
    '',
    '  Ctrl-C stops everything; data is kept (npm run reset wipes it).',
    '',
  ];
  return lines.join('\n');
}

/** @param {number} pid */
function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** @param {string} dataDir */
const lockFile = (dataDir) => join(dataDir, 'stack.pid');

/** The pid of a running `npm start` / `npm run dev` using `dataDir`, or null. @param {string} dataDir */
export function runningStackPid(dataDir) {
  const file = lockFile(dataDir);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return isAlive(pid) && pid !== process.pid ? pid : null;
}

/** Marks `dataDir` as used by this process; returns the function that clears the mark. @param {string} dataDir */
export function claimDataDir(dataDir) {
  const other = runningStackPid(dataDir);
  if (other) throw new Error(`another local stack (pid ${other}) is using ${dataDir}: stop it first`);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockFile(dataDir), `${process.pid}\n`);
  return () => {
    try {
      if (readFileSync(lockFile(dataDir), 'utf8').trim() === String(process.pid)) rmSync(lockFile(dataDir));
    } catch {
      // already gone
    }
  };
}

/**
 * Where the API may keep the embedded PostgreSQL of `dataDir`: `<dataDir>/postgres`, or, when the
 * `postgres` system user cannot reach it (running as root in a private folder), the staged copy the
 * API makes under the system temp folder (apps/api-backend/src/data/embedded-postgres.ts).
 * @param {string} dataDir
 */
export function postgresDataDirs(dataDir) {
  const own = join(dataDir, 'postgres');
  const digest = createHash('sha256').update(own).digest('hex').slice(0, 12);
  return [own, join(tmpdir(), `lumira-postgres-${digest}`)];
}

/** pid of a PostgreSQL server running on one of `dirs`, or null. @param {string[]} dirs */
export function runningPostgresPid(dirs) {
  for (const dir of dirs) {
    const file = join(dir, 'postmaster.pid');
    if (!existsSync(file)) continue;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    if (isAlive(pid)) return pid;
  }
  return null;
}
