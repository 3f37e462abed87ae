/** Debian Chromium through playwright-core (the main app's launcher), and the desk's screenshots. */
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../../main-app/e2e/support/browser';

export { launchBrowser, SCREENSHOT_DIR } from '../../../main-app/e2e/support/browser';

/** Saves `artifacts/screenshots/desk-<name>.png`. */
export function screenshot(page: Page, name: string): Promise<string> {
  return saveScreenshot(page, `desk-${name}`);
}
