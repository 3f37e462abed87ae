/**
 * The desk against the real stack (PostgreSQL + API + Stripe sandbox from the API's test harness), in
 * Chromium: a consultation from payment to partial refund across the two apps — the customer pays in
 * main-app (served from its own e2e support), the expert runs the session in the desk, the admin refunds.
 */
import { normalizeSpaces } from '@lumira/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../api-backend/test/harness';
import { CARDS, fillCard } from '../../main-app/e2e/support/e2e-stack';
import type { WebAppHandle } from '../../main-app/e2e/support/web-app';
import { screenshot } from './support/browser';
import { createOrder, eventually, payWithVisa, readOrderAsCustomer } from './support/customer';
import { type DeskAppHandle, type DeskE2E, startDeskE2E } from './support/desk-app';

let e2e: DeskE2E;
let stack: TestStack;
let desk: DeskAppHandle;
let shop: WebAppHandle;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  e2e = await startDeskE2E();
  ({ stack, desk, shop, browser } = e2e);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await e2e?.close();
});

async function newPage(viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  return page;
}

async function signIn(
  email: string,
  password: string,
  viewport = { width: 1280, height: 860 },
): Promise<Page> {
  const page = await newPage(viewport);
  await page.goto(`${desk.url}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  return page;
}

async function apiGet(path: string, token: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${stack.apiUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json().catch(() => null) };
}

describe('expert desk', () => {
  it('runs a consultation: paid in main-app, live in the queue, interrupted, pro-rata refund on the confirmation page', async () => {
    const expert = await signIn(stack.demo.expertEmail, stack.demo.expertPassword);
    await expert.waitForURL(/\/file$/);
    await expert.getByTestId('live-indicator').getByText('En direct').waitFor();

    // The customer pays in main-app with 4242… while the expert watches the queue.
    const customer = await newPage();
    await customer.goto(`${shop.url}/commande?level=basic&service=basic&expert=Expert%20Test`);
    await customer.getByLabel(/Adresse e-mail/).fill('camille.dupont@example.test');
    await customer.getByLabel(/^Nom/).fill('Camille Dupont');
    await customer.getByTestId('continue-button').click();
    await customer.getByTestId('card-number').waitFor();
    await fillCard(customer, CARDS.success);
    await customer.getByTestId('pay-button').click();
    await customer.waitForURL(/\/confirmation\?/);
    const confirmation = new URL(customer.url());
    const order = {
      orderId: confirmation.searchParams.get('order_id') ?? '',
      orderAccessToken: confirmation.searchParams.get('token') ?? '',
    };
    expect(order.orderId).toMatch(/^[0-9a-f]{24}$/);

    // Live, without reload: the order appears in the queue and a notification says so.
    const item = expert.locator(`[data-testid="queue-item"][data-order-id="${order.orderId}"]`);
    await item.waitFor({ timeout: 20_000 });
    const toast = expert.getByTestId('arrival-toast');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('Nouvelle commande payée');
    expect(await item.textContent()).toContain('Camille');
    expect(await item.textContent()).not.toContain('Dupont');
    await screenshot(expert, 'queue');

    // Order detail: first name only, tier, duration, amount paid.
    await item.click();
    await expert.waitForURL(new RegExp(`/commandes/${order.orderId}$`));
    expect(await expert.getByTestId('customer-first-name').textContent()).toBe('Camille');
    const detail = (await expert.locator('main').textContent()) ?? '';
    expect(detail).toContain('Consultation Basique');
    expect(detail).toContain('30 min');
    expect(detail).toContain('29,00');
    expect(detail).not.toContain('camille.dupont@example.test');

    // Start: the live timer runs against the 30 minutes.
    await expert.getByTestId('start-session').click();
    await expert.getByTestId('session-timer').waitFor();
    expect(await expert.getByTestId('session-timer').textContent()).toContain('Durée prévue : 30 min');
    await expert.waitForFunction(
      () => document.querySelector('[data-testid="timer-elapsed"]')?.textContent !== '00:00',
    );
    await screenshot(expert, 'session-running');

    // End as interrupted, with notes.
    await expert.getByTestId('end-interrupted').check();
    await expert.getByTestId('end-notes').fill('Connexion du client perdue.');
    await expert.getByTestId('end-session').click();
    await expert.getByTestId('end-confirmation').waitFor();
    await expert.getByTestId('confirm-end-session').click();
    await expert.getByText('Interrompue', { exact: true }).first().waitFor();
    expect(await expert.getByTestId('session-timer').count()).toBe(0);

    // The API proposes the pro-rata of the unused minutes.
    const adminToken = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    const adminView = (await apiGet(`/api/admin/orders/${order.orderId}`, adminToken)).body as {
      paymentIntentId: string;
      proposedRefundAmount: number;
      sessionStartedAt: string;
      sessionEndedAt: string;
    };
    const usedMinutes = Math.ceil(
      (Date.parse(adminView.sessionEndedAt) - Date.parse(adminView.sessionStartedAt)) / 60_000,
    );
    const proRata = Math.floor((2900 * (30 - usedMinutes)) / 30);
    expect(adminView.proposedRefundAmount).toBe(proRata);

    // The admin refunds the proposed pro-rata amount from the order page.
    const admin = await signIn(stack.demo.adminEmail, stack.demo.adminPassword);
    await admin.waitForURL(/\/admin\/commandes$/);
    await admin.getByTestId('orders-search').fill(order.orderId);
    await admin.getByRole('button', { name: 'Filtrer' }).click();
    await admin.getByTitle(order.orderId).click();
    await admin.waitForURL(new RegExp(`/admin/commandes/${order.orderId}$`));
    expect(adminView.paymentIntentId).toMatch(/^pi_/);
    expect(await admin.getByTestId('payment-intent-id').textContent()).toBe(adminView.paymentIntentId);
    const proposedText = `${Math.floor(proRata / 100)},${String(proRata % 100).padStart(2, '0')}`;
    expect(await admin.getByTestId('refund-amount').inputValue()).toBe(proposedText);
    await admin.getByTestId('refund-submit').click();
    // nothing moves before the admin confirms the amount, restated in euros with the policy's result
    const refundConfirmation = admin.getByTestId('refund-confirmation');
    expect(normalizeSpaces((await admin.getByTestId('refund-confirm-amount').textContent()) ?? '')).toBe(
      `${proposedText} €`,
    );
    expect(await refundConfirmation.textContent()).toContain('prévu par la politique de remboursement');
    await admin.getByTestId('refund-confirm').click();
    await admin
      .getByText('Remboursée en partie')
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(async () => {
        await admin.reload(); // the refund settles through the sandbox's webhook
        await admin.getByText('Remboursée en partie').first().waitFor({ timeout: 20_000 });
      });
    await admin.locator('[data-refund-status="succeeded"]').first().waitFor({ timeout: 20_000 });
    expect(await admin.getByTestId('refunded-amount').textContent()).toContain(proposedText);
    await screenshot(admin, 'admin-order');

    // The customer's confirmation page (still open in main-app) shows the partial refund; the API agrees.
    const refundLine = customer.getByTestId('refunded-amount');
    await refundLine.waitFor({ timeout: 20_000 });
    expect(normalizeSpaces((await refundLine.textContent()) ?? '')).toBe(
      `Remboursement partiel : ${proposedText} € sur 29,00 €.`,
    );
    await screenshot(customer, 'customer-confirmation');
    const seen = await eventually(
      () => readOrderAsCustomer(stack.apiUrl, order),
      (o) => o.status === 'partially_refunded',
    );
    expect(seen.refundedAmount).toBe(proRata);
    expect(seen.refunds.map((r) => [r.amount, r.status])).toEqual([[proRata, 'succeeded']]);
  });

  it("an expert cannot see another expert's orders: the page says not found and the API answers 404", async () => {
    const { experts } = (await (await fetch(`${stack.apiUrl}/api/experts`)).json()) as {
      experts: { id: string; tiers: string[]; online: boolean; active: boolean }[];
    };
    const other = experts.find((x) => x.id !== stack.demo.expertId && x.tiers.includes('basic') && x.online);
    expect(other, 'the demo data has a second online expert offering basic').toBeDefined();
    const order = await createOrder(stack.apiUrl, {
      level: 'basic',
      expertId: other!.id,
      customerEmail: 'someone.else@example.test',
      customerName: 'Someone Else',
    });
    await payWithVisa(stack.stripe, order);

    const expertToken = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
    expect((await apiGet(`/api/desk/orders/${order.orderId}`, expertToken)).status).toBe(404);
    const mine = (await apiGet('/api/desk/orders', expertToken)).body as { orders: { id: string }[] };
    expect(mine.orders.map((o) => o.id)).not.toContain(order.orderId);

    const expert = await signIn(stack.demo.expertEmail, stack.demo.expertPassword);
    await expert.waitForURL(/\/file$/);
    await expert.goto(`${desk.url}/commandes/${order.orderId}`);
    await expert.getByTestId('not-found').waitFor();
    expect(await expert.getByTestId('not-found').textContent()).toContain('Commande introuvable');
    expect(await expert.locator('main').textContent()).not.toContain('Someone');
  });

  it('a refund that fails is shown to the admin with a retry that starts a new attempt', async () => {
    const order = await createOrder(stack.apiUrl, {
      level: 'premium',
      expertId: stack.demo.expertId,
      customerEmail: 'refund.fail@example.test',
      customerName: 'Jeanne Carte',
    });
    await payWithVisa(stack.stripe, order, 'pm_card_refundFail');

    // The expert cannot hold the session: the API refunds the customer in full by itself.
    const expert = await signIn(stack.demo.expertEmail, stack.demo.expertPassword);
    await expert.locator(`[data-testid="queue-item"][data-order-id="${order.orderId}"]`).click();
    await expert.getByTestId('no-show-expert').click();
    await expert.getByTestId('confirm-no-show').click();
    await expert.getByText('Expert absent', { exact: true }).first().waitFor();

    const admin = await signIn(stack.demo.adminEmail, stack.demo.adminPassword);
    await admin.waitForURL(/\/admin\/commandes$/);
    await admin.goto(`${desk.url}/admin/commandes/${order.orderId}`);
    const failed = admin.locator('[data-refund-status="failed"]');
    await failed.first().waitFor({ timeout: 20_000 }); // live: refund.failed arrives by webhook
    expect(await failed.first().textContent()).toContain('79,00');
    expect(await failed.first().textContent()).toContain('Échoué');
    expect(await admin.getByTestId('refunded-amount').textContent()).toContain('0,00');

    await failed.first().getByTestId('refund-retry').click();
    // A second attempt exists; the first one can no longer be retried (this card's refunds keep failing).
    await expect
      .poll(() => admin.locator('[data-testid="refunds"] > li').count(), { timeout: 20_000 })
      .toBe(2);
    await expect.poll(() => failed.count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => admin.getByTestId('refund-retry').count()).toBe(1);
    await screenshot(admin, 'admin-refund-failed');
  });

  it('the admin finds orders by customer email, by expert and by status', async () => {
    const { experts } = (await (await fetch(`${stack.apiUrl}/api/experts`)).json()) as {
      experts: { id: string; name: string; tiers: string[]; online: boolean }[];
    };
    const other = experts.find((x) => x.id !== stack.demo.expertId && x.tiers.includes('basic') && x.online)!;
    const mine = await createOrder(stack.apiUrl, {
      level: 'basic',
      expertId: stack.demo.expertId,
      customerEmail: 'filtre.a@example.test',
    });
    const theirs = await createOrder(stack.apiUrl, {
      level: 'basic',
      expertId: other.id,
      customerEmail: 'filtre.b@example.test',
    });
    await payWithVisa(stack.stripe, mine);
    await payWithVisa(stack.stripe, theirs);

    const admin = await signIn(stack.demo.adminEmail, stack.demo.adminPassword);
    await admin.waitForURL(/\/admin\/commandes$/);
    const rows = admin.getByTestId('admin-orders').locator('tbody tr');
    const ids = async () => rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('a')?.title ?? ''));

    await admin.getByTestId('orders-search').fill('filtre.a@example.test');
    await admin.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(ids).toEqual([mine.orderId]);

    await admin.getByRole('button', { name: 'Effacer' }).click();
    await admin.getByRole('combobox', { name: 'Expert', exact: true }).selectOption(other.id);
    await admin.getByRole('combobox', { name: 'Statut', exact: true }).selectOption('paid');
    await admin.getByRole('button', { name: 'Filtrer' }).click();
    const onlyTheirs = async () => {
      const list = await ids();
      return list.includes(theirs.orderId) && !list.includes(mine.orderId);
    };
    await expect.poll(onlyTheirs).toBe(true);
    expect(await rows.first().textContent()).toContain(other.name);
    // the filters live in the address: a reload keeps them
    expect(admin.url()).toContain(`expertId=${other.id}`);
    await admin.reload();
    await expect.poll(onlyTheirs).toBe(true);
  });

  it('sends each role to its own pages', async () => {
    const expert = await signIn(stack.demo.expertEmail, stack.demo.expertPassword);
    await expert.waitForURL(/\/file$/);
    await expert.goto(`${desk.url}/admin/commandes`);
    await expert.waitForURL(/\/file$/);

    const admin = await signIn(stack.demo.adminEmail, stack.demo.adminPassword);
    await admin.waitForURL(/\/admin\/commandes$/);
    await admin.goto(`${desk.url}/file`);
    await admin.waitForURL(/\/admin\/commandes$/);

    const customer = await signIn(stack.demo.customerEmail, stack.demo.customerPassword);
    await customer.getByRole('alert').getByText('réservé aux experts').waitFor();
    expect(customer.url()).toMatch(/\/connexion$/);
  });

  it('the expert goes offline and online from the desk', async () => {
    const expert = await signIn(stack.demo.expertEmail, stack.demo.expertPassword);
    const toggle = expert.getByTestId('availability-toggle');
    await toggle.getByText('En ligne').waitFor();
    await toggle.click();
    await toggle.getByText('Hors ligne').waitFor();
    const online = async () => {
      const { experts } = (await (await fetch(`${stack.apiUrl}/api/experts`)).json()) as {
        experts: { id: string; online: boolean }[];
      };
      return experts.find((x) => x.id === stack.demo.expertId)?.online;
    };
    expect(await online()).toBe(false);
    await toggle.click();
    await toggle.getByText('En ligne').waitFor();
    expect(await online()).toBe(true);
  });

  it('the admin changes a price typed as "31,50": new orders are priced 3150 cents', async () => {
    const admin = await signIn(stack.demo.adminEmail, stack.demo.adminPassword);
    await admin.waitForURL(/\/admin\/commandes$/);
    await admin.getByRole('link', { name: 'Catalogue' }).click();
    await admin.getByText('s’appliquent uniquement aux').waitFor();
    await admin.getByTestId('tier-basic-price').fill('31,50');
    await admin.getByTestId('tier-basic').getByRole('button', { name: 'Enregistrer' }).click();
    await admin.getByTestId('tier-basic').getByRole('status').waitFor();

    const order = await createOrder(stack.apiUrl, {
      level: 'basic',
      expertId: stack.demo.expertId,
      customerEmail: 'new.price@example.test',
    });
    expect(order.amount).toBe(3150);
  });
});
