import path from 'node:path';
import { newWebhookSecret } from '@lumira/stripe-sandbox';
import { describe, expect, it } from 'vitest';
import { APP_ROOT, ConfigError, DEFAULT_SANDBOX_URL, loadConfig, REPO_ROOT } from './config';

const PROD_SECRETS = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-very-long-production-jwt-secret-0123456789abcdef',
  STRIPE_SECRET_KEY: 'sk_live_51Habc',
  STRIPE_WEBHOOK_SECRET: 'whsec_prodsecret123',
};

function problemsOf(env: Record<string, string | undefined>): { key: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults in development', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(3001);
    expect(config.jwt.expiresIn).toBe('7d');
    expect(config.jwt.expiresInSeconds).toBe(7 * 24 * 3600);
    expect(config.embeddedPg.port).toBe(54329);
    expect(config.dataDir).toBe(path.join(REPO_ROOT, 'data'));
    expect(config.embeddedPg.dataDir).toBe(path.join(REPO_ROOT, 'data', 'postgres'));
    expect(config.logDir).toBe(path.join(APP_ROOT, 'logs'));
    expect(config.databaseUrl).toBeNull();
    expect(config.redisUrl).toBeNull();
    expect(config.seedDemoData).toBe(true);
  });

  it('generates development secrets when missing, says so, and points a generated key at the sandbox', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.generatedSecrets).toEqual(['JWT_SECRET', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
    expect(config.stripe.secretKey).toMatch(/^sk_test_/);
    expect(config.stripe.webhookSecret).toMatch(/^whsec_/);
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(config.notices.join(' ')).toContain('Generated development secrets');
    expect(config.stripe.apiBase).toBe(DEFAULT_SANDBOX_URL);
    expect(loadConfig({}).jwt.secret).not.toBe(config.jwt.secret);
  });

  it('accepts every webhook secret the sandbox generates (base64url: letters, digits, - and _)', () => {
    for (let i = 0; i < 200; i++) {
      const secret = newWebhookSecret();
      expect(loadConfig({ STRIPE_WEBHOOK_SECRET: secret }).stripe.webhookSecret).toBe(secret);
    }
    expect(loadConfig({ STRIPE_WEBHOOK_SECRET: 'whsec_a-b_c' }).stripe.webhookSecret).toBe('whsec_a-b_c');
    expect(problemsOf({ STRIPE_WEBHOOK_SECRET: 'whsec_has space' }).map((p) => p.key)).toContain(
      'STRIPE_WEBHOOK_SECRET',
    );
  });

  it('keeps STRIPE_API_BASE as given (the gateway derives host, port and protocol: parseApiBase)', () => {
    expect(loadConfig({ STRIPE_API_BASE: 'http://127.0.0.1:12111' }).stripe.apiBase).toBe(
      'http://127.0.0.1:12111',
    );
    expect(loadConfig({ STRIPE_API_BASE: 'https://stripe.example.com' }).stripe.apiBase).toBe(
      'https://stripe.example.com',
    );
    expect(problemsOf({ STRIPE_API_BASE: 'ftp://stripe.example.com' }).map((p) => p.key)).toContain(
      'STRIPE_API_BASE',
    );
  });

  it('leaves STRIPE_API_BASE unset with a real key (talks to Stripe itself)', () => {
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_realkey123' });
    expect(config.stripe.apiBase).toBeNull();
  });

  it('names every bad key at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      FRONTEND_URL: 'not a url',
      JWT_EXPIRES_IN: 'forever',
      STRIPE_SECRET_KEY: 'pk_test_123',
      DATABASE_URL: 'mysql://x',
      EMBEDDED_PG_PORT: '70000',
      REDIS_URL: 'http://redis',
      NODE_ENV: 'staging',
    });
    expect(problems.map((p) => p.key).sort()).toEqual(
      [
        'DATABASE_URL',
        'EMBEDDED_PG_PORT',
        'FRONTEND_URL',
        'JWT_EXPIRES_IN',
        'NODE_ENV',
        'PORT',
        'REDIS_URL',
        'STRIPE_SECRET_KEY',
      ].sort(),
    );
  });

  it('refuses to start in production without the three secrets', () => {
    const keys = problemsOf({ NODE_ENV: 'production' }).map((p) => p.key);
    expect(keys).toEqual(['JWT_SECRET', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
  });

  it('refuses development or example secrets in production', () => {
    const dev = loadConfig({ NODE_ENV: 'development' });
    const problems = problemsOf({
      ...PROD_SECRETS,
      JWT_SECRET: dev.jwt.secret,
      STRIPE_WEBHOOK_SECRET: 'whsec_change_me',
    });
    expect(problems.map((p) => p.key)).toEqual(['JWT_SECRET', 'STRIPE_WEBHOOK_SECRET']);
    expect(problemsOf({ ...PROD_SECRETS, JWT_SECRET: 'short' }).map((p) => p.key)).toEqual(['JWT_SECRET']);
  });

  it('starts in production with real secrets, without demo data or development origins', () => {
    const config = loadConfig({
      ...PROD_SECRETS,
      FRONTEND_URL: 'https://lumira.example, https://desk.lumira.example',
    });
    expect(config.isProduction).toBe(true);
    expect(config.generatedSecrets).toEqual([]);
    expect(config.seedDemoData).toBe(false);
    expect(config.corsOrigins).toEqual(['https://lumira.example', 'https://desk.lumira.example']);
  });

  it('allows the development front-end origins outside production', () => {
    const config = loadConfig({});
    for (const port of [3000, 5173, 3002]) {
      expect(config.corsOrigins).toContain(`http://localhost:${port}`);
      expect(config.corsOrigins).toContain(`http://127.0.0.1:${port}`);
    }
  });

  it('mentions an ignored MONGODB_URI once', () => {
    const config = loadConfig({ MONGODB_URI: 'mongodb://localhost/lumira' });
    expect(config.notices.filter((n) => n.includes('MONGODB_URI'))).toHaveLength(1);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.stripe)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow();
  });

  it('accepts LOG_DIR=off to log to stdout only', () => {
    expect(loadConfig({ LOG_DIR: 'off' }).logDir).toBeNull();
  });

  it('builds the WebRTC ICE servers from STUN/TURN lists (none by default) and names a TURN without credentials', () => {
    expect(loadConfig({}).webrtc.iceServers).toEqual([]);
    const config = loadConfig({
      WEBRTC_STUN_URLS: 'stun:stun.example.com:3478, stun:stun2.example.com',
      WEBRTC_TURN_URLS: 'turn:turn.example.com:3478,turns:turn.example.com:5349',
      WEBRTC_TURN_USERNAME: 'lumira',
      WEBRTC_TURN_CREDENTIAL: 's3cret',
    });
    expect(config.webrtc.iceServers).toEqual([
      { urls: ['stun:stun.example.com:3478', 'stun:stun2.example.com'] },
      {
        urls: ['turn:turn.example.com:3478', 'turns:turn.example.com:5349'],
        username: 'lumira',
        credential: 's3cret',
      },
    ]);
    expect(problemsOf({ WEBRTC_TURN_URLS: 'turn:turn.example.com' }).map((p) => p.key)).toEqual([
      'WEBRTC_TURN_URLS',
    ]);
    expect(problemsOf({ WEBRTC_STUN_URLS: 'http://stun.example.com' }).map((p) => p.key)).toEqual([
      'WEBRTC_STUN_URLS',
    ]);
  });

  it('mail, links and seller: defaults, VAT number required with a VAT rate, production notices', () => {
    const config = loadConfig({ FRONTEND_URL: 'https://shop.example/,https://other.example' });
    expect(config.publicUrl).toBe('https://shop.example');
    expect(config.mail).toMatchObject({ smtpUrl: null, worker: true, maxAttempts: 8 });
    expect(config.seller.vatRateBasisPoints).toBe(0);
    expect(loadConfig({ PUBLIC_URL: 'https://lumira.example/' }).publicUrl).toBe('https://lumira.example');
    expect(
      loadConfig({ VAT_RATE_PERCENT: '5.5', SELLER_VAT_NUMBER: 'FR12123456789' }).seller.vatRateBasisPoints,
    ).toBe(550);
    expect(problemsOf({ VAT_RATE_PERCENT: '20' }).map((p) => p.key)).toEqual(['SELLER_VAT_NUMBER']);
    expect(
      problemsOf({ SMTP_URL: 'http://mail', SELLER_SIREN: '12' })
        .map((p) => p.key)
        .sort(),
    ).toEqual(['SELLER_SIREN', 'SMTP_URL']);
    const production = loadConfig(PROD_SECRETS);
    expect(production.notices.some((n) => n.includes('SMTP_URL not set'))).toBe(true);
    expect(production.notices.some((n) => n.includes('SELLER_NAME'))).toBe(true);
  });
});
