/**
 * The deployment files are valid as shipped: docker-compose.yml passes Compose's own validation
 * offline (Debian's docker-compose 1.29), deploy.sh passes shellcheck and fails clearly when Docker or
 * Node.js is missing, and the Dockerfiles keep their promises (multi-stage, non-root, health check).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const APPS = ['api-backend', 'main-app', 'expert-desk'] as const;

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

  it('runs the three apps, PostgreSQL 15 on a named volume and Redis, each with a health check', () => {
    const services = run('docker-compose', ['-f', 'docker-compose.yml', 'config', '--services'])
      .stdout.trim()
      .split('\n');
    expect(services.sort()).toEqual(['api-backend', 'expert-desk', 'main-app', 'postgres', 'redis']);
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
    expect(blocks).toHaveLength(5);
    for (const block of blocks) {
      expect(block).toContain('restart: unless-stopped');
      expect(block).toContain('healthcheck:');
    }
    expect(config.match(/condition: service_healthy/g)?.length).toBe(4);
    // the site on port 80 (nginx listens on 8080 inside, unprivileged), the API on localhost only
    expect(config).toMatch(/published: 80\n\s+target: 8080/);
    expect(config).toContain('127.0.0.1:3001:3001');
  });
});

describe('Dockerfiles', () => {
  for (const app of APPS) {
    it(`${app}: multi-stage, non-root, health check`, () => {
      const text = readFileSync(resolve(ROOT, 'apps', app, 'Dockerfile'), 'utf8');
      expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
      expect(text).toMatch(/^USER (node|101)$/m);
      expect(text).toMatch(/^HEALTHCHECK /m);
    });
  }

  it('the API image installs production dependencies only', () => {
    const text = readFileSync(resolve(ROOT, 'apps', 'api-backend', 'Dockerfile'), 'utf8');
    expect(text).toContain('npm ci --omit=dev');
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
