// Shared set-up of the sandbox's browser tests: the fixture pages (built with Vite, the Stripe.js URL
// put into each page's <head>), a static server for them, and the Chromium launch flags.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

export const FIXTURE_DIR = fileURLToPath(new URL('./fixture', import.meta.url));
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../artifacts/screenshots', import.meta.url));
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export function serveStatic(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => res.writeHead(404).end('not found'),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Builds the fixture pages (`index.html`, `sample.html`, `plain.html`, `setup.html`) with `stripeJsUrl` in their <head>. */
export async function buildFixture(stripeJsUrl: string, outDir: string): Promise<void> {
  await build({
    root: FIXTURE_DIR,
    configFile: false,
    logLevel: 'warn',
    base: '/',
    plugins: [
      react(),
      {
        name: 'stripe-js-url',
        transformIndexHtml: {
          order: 'pre',
          handler: (html) => html.replaceAll('%STRIPE_JS_URL%', stripeJsUrl),
        },
      },
    ],
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        input: {
          index: join(FIXTURE_DIR, 'index.html'),
          sample: join(FIXTURE_DIR, 'sample.html'),
          plain: join(FIXTURE_DIR, 'plain.html'),
          setup: join(FIXTURE_DIR, 'setup.html'),
        },
      },
    },
  });
}
