/** Debian Chromium through playwright-core, with the flags this machine needs. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');
export const SCREENSHOT_DIR = join(repoRoot, 'artifacts', 'screenshots');

/** `extraArgs`: e.g. Chromium's fake camera and microphone for WebRTC calls. */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

/** Saves `artifacts/screenshots/main-app-<name>.png` (the spec's final state). */
export function screenshot(page: Page, name: string): Promise<string> {
  return saveScreenshot(page, `main-app-${name}`);
}

/** Saves a full-page `artifacts/screenshots/<fileName>.png`. */
export async function saveScreenshot(page: Page, fileName: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${fileName}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
