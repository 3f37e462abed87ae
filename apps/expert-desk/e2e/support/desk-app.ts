/**
 * Serves the desk for end-to-end specs: a production build (the bundle an expert gets) in a unique temp
 * dir, then `vite preview`. The port comes from `freePort()` (a port the OS handed out for port 0 a moment
 * ago) because the API must list the desk's origin for CORS before the desk exists.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';

const appRoot = join(import.meta.dirname, '..', '..');

export type DeskAppHandle = { url: string; close(): Promise<void> };

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

export async function startDeskApp(options: { apiUrl: string; port: number }): Promise<DeskAppHandle> {
  const outDir = await mkdtemp(join(tmpdir(), 'lumira-desk-e2e-'));
  // Vite reads VITE_* from process.env (this worker process only runs this spec file).
  process.env.VITE_API_URL = options.apiUrl;
  const configFile = join(appRoot, 'vite.config.ts');
  // Vitest sets NODE_ENV=test, which would give React's development build: build what experts get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: appRoot,
      configFile,
      mode: 'production',
      logLevel: 'warn',
      cacheDir: join(outDir, '.vite-cache'),
      build: { outDir: join(outDir, 'dist'), emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
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
