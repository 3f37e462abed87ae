/**
 * Serves the main app for end-to-end specs: a production build (the same index.html transform and
 * bundle a customer gets) in a unique temp dir, then `vite preview` on the given port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';

const appRoot = join(import.meta.dirname, '..', '..');

export type WebAppOptions = {
  apiUrl: string;
  stripeJsUrl: string;
  publishableKey?: string;
  /** from `freePort()`: the API must allow this origin (CORS) before the app exists */
  port: number;
};

export type WebAppHandle = { url: string; close(): Promise<void> };

/** A port nobody listens on right now (the app's origin must be known before the API starts). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startWebApp(options: WebAppOptions): Promise<WebAppHandle> {
  return serveViteBuild({
    appRoot,
    port: options.port,
    tmpPrefix: 'lumira-main-app-e2e-',
    env: {
      VITE_API_URL: options.apiUrl,
      VITE_STRIPE_JS_URL: options.stripeJsUrl,
      VITE_STRIPE_PUBLISHABLE_KEY: options.publishableKey ?? 'pk_test_lumira_e2e',
      VITE_APP_NAME: 'Lumira Oracle',
    },
  });
}

/**
 * Builds a Vite app for production (what a customer or an expert gets) into a unique temp dir and serves
 * it with `vite preview` on `port`. Shared by the main app's and the desk's specs.
 */
export async function serveViteBuild(options: {
  appRoot: string;
  port: number;
  tmpPrefix: string;
  env: Record<string, string>;
}): Promise<WebAppHandle> {
  const { appRoot } = options;
  const outDir = await mkdtemp(join(tmpdir(), options.tmpPrefix));
  // Vite reads VITE_* from process.env (this worker process only runs this spec file).
  Object.assign(process.env, options.env);
  const configFile = join(appRoot, 'vite.config.ts');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({
    root: appRoot,
    configFile,
    logLevel: 'warn',
    cacheDir: join(outDir, '.vite-cache'),
    mode: 'production',
    build: { outDir: join(outDir, 'dist'), emptyOutDir: true, sourcemap: false },
  }).finally(() => {
    process.env.NODE_ENV = nodeEnv;
  });
  const server = await preview({
    root: appRoot,
    configFile,
    logLevel: 'warn',
    cacheDir: join(outDir, '.vite-cache'),
    build: { outDir: join(outDir, 'dist') },
    preview: { host: '127.0.0.1', port: options.port, strictPort: true, open: false },
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    async close() {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
