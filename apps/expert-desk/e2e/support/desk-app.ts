/**
 * Serves the desk for end-to-end specs: a production build (the bundle an expert gets) in a unique temp
 * dir, then `vite preview`, through the main app's helper. The port comes from `freePort()` (a port the
 * OS handed out for port 0 a moment ago) because the API must list the desk's origin for CORS before the
 * desk exists.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestStack, type TestStack } from '../../../api-backend/test/harness';
import { launchBrowser } from '../../../main-app/e2e/support/browser';
import {
  freePort,
  serveViteBuild,
  startWebApp,
  type WebAppHandle,
} from '../../../main-app/e2e/support/web-app';

export { freePort };

const appRoot = join(import.meta.dirname, '..', '..');

export type DeskAppHandle = WebAppHandle;

export function startDeskApp(options: { apiUrl: string; port: number }): Promise<DeskAppHandle> {
  return serveViteBuild({
    appRoot,
    port: options.port,
    tmpPrefix: 'lumira-desk-e2e-',
    env: { VITE_API_URL: options.apiUrl },
  });
}

/** What the desk specs run against: the API stack, the desk and main-app (origins the API allows), Chromium. */
export type DeskE2E = {
  stack: TestStack;
  desk: DeskAppHandle;
  shop: WebAppHandle;
  browser: Browser;
  /** Closes what started, newest first; safe after a start that failed half-way. */
  close(): Promise<void>;
};

export async function startDeskE2E(browserArgs: string[] = []): Promise<DeskE2E> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closeOne of closers.splice(0).reverse()) await closeOne().catch(() => undefined);
  };
  try {
    const deskPort = await freePort();
    const shopPort = await freePort();
    const stack = await startTestStack({
      env: { FRONTEND_URL: `http://127.0.0.1:${deskPort},http://127.0.0.1:${shopPort}` },
    });
    closers.push(() => stack.stop());
    const desk = await startDeskApp({ apiUrl: stack.apiUrl, port: deskPort });
    closers.push(() => desk.close());
    const shop = await startWebApp({
      apiUrl: stack.apiUrl,
      stripeJsUrl: `${stack.sandboxUrl}/v3/stripe.js`,
      port: shopPort,
    });
    closers.push(() => shop.close());
    const browser = await launchBrowser(browserArgs);
    closers.push(() => browser.close());
    return { stack, desk, shop, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
