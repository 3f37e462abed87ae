/**
 * One isolated world per spec file: PostgreSQL + Stripe sandbox + API (the API's `startTestStack` test
 * harness), the main app built against them and served on its own port, and Chromium.
 */
import { randomBytes } from 'node:crypto';
import type { OrderView } from '@lumira/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../../../api-backend/test/harness';
import { DESKTOP, launchBrowser } from './browser';
import { freePort, startWebApp, type WebAppHandle } from './web-app';

export type E2E = {
  stack: TestStack;
  web: WebAppHandle;
  browser: Browser;
  /** A fresh browser context (own storage) and page. */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** The order as the API sees it (read with its access token). */
  apiOrder(orderId: string, token: string): Promise<OrderView>;
  /** Every order the database holds for this customer email. */
  ordersOf(email: string): Promise<{ id: string; status: string; payment_intent_id: string | null }[]>;
  close(): Promise<void>;
};

/** `env`: extra API settings (e.g. SMTP_URL for the e-mail specs). */
export async function startE2E(options: { env?: Record<string, string> } = {}): Promise<E2E> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const stack = await startTestStack({ env: { FRONTEND_URL: origin, ...options.env } });
  let web: WebAppHandle | null = null;
  let browser: Browser | null = null;
  try {
    web = await startWebApp({ apiUrl: stack.apiUrl, stripeJsUrl: `${stack.sandboxUrl}/v3/stripe.js`, port });
    browser = await launchBrowser();
  } catch (error) {
    await web?.close();
    await stack.stop();
    throw error;
  }
  const startedBrowser = browser;
  const startedWeb = web;
  return {
    stack,
    web: startedWeb,
    browser: startedBrowser,
    async newPage(viewport = DESKTOP) {
      const context = await startedBrowser.newContext({
        viewport,
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
      return { context, page };
    },
    async apiOrder(orderId, token) {
      const res = await fetch(`${stack.apiUrl}/api/payments/order/${orderId}`, {
        headers: { 'X-Order-Token': token },
      });
      if (!res.ok) throw new Error(`GET order ${orderId}: ${res.status} ${await res.text()}`);
      return (await res.json()) as OrderView;
    },
    async ordersOf(email) {
      return stack.db
        .selectFrom('orders')
        .select(['id', 'status', 'payment_intent_id'])
        .where('customer_email', '=', email)
        .execute();
    },
    async close() {
      await startedBrowser.close().catch(() => undefined);
      await startedWeb.close().catch(() => undefined);
      await stack.stop();
    },
  };
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@lumira.test`;
}

export const CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  threeDS: '4000002760003184',
} as const;

/** Types a card into the sandbox's PaymentElement (real inputs in an open shadow root). */
export async function fillCard(page: Page, number: string, expiry = '12 / 34', cvc = '123'): Promise<void> {
  const numberField = page.getByTestId('card-number');
  await numberField.fill('');
  await numberField.pressSequentially(number);
  const expiryField = page.getByTestId('card-expiry');
  await expiryField.fill('');
  await expiryField.pressSequentially(expiry.replace(/\D/g, ''));
  const cvcField = page.getByTestId('card-cvc');
  await cvcField.fill('');
  await cvcField.pressSequentially(cvc);
}

/** From an order link to the card form: email (and name), "Continuer vers le paiement", form ready. */
export async function startCheckout(page: Page, url: string, email: string, name?: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/Adresse e-mail/).fill(email);
  if (name !== undefined) await page.getByLabel(/^Nom/).fill(name);
  await page.getByTestId('continue-button').click();
  await page.getByTestId('card-number').waitFor();
  await page.getByTestId('pay-button').and(page.locator(':enabled')).waitFor();
}

/** The order id and access token once the confirmation page is shown. */
export function confirmationParams(page: Page): { orderId: string; token: string } {
  const url = new URL(page.url());
  return { orderId: url.searchParams.get('order_id') ?? '', token: url.searchParams.get('token') ?? '' };
}

/** How long `expect.poll` waits for something a person would wait for (webhooks, SSE, a refund). */
export const WAIT = { timeout: 15_000 } as const;
