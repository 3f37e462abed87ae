/**
 * Every link of every e-mail works, for the person the e-mail was sent to. One real order goes through
 * payment, session start, end and a partial refund; the same address then registers (verification),
 * registers again (the "someone tried" notice) and asks for a password reset. Then, in Chromium:
 * - the confirmation's "Suivre ma commande" opens the order page, whose "Rejoindre la séance" opens the
 *   running session; the "vous attend" e-mail's room link opens the same session;
 * - the receipt's link opens the order page, where the facture and the avoir download as PDF;
 * - every link of every e-mail (HTML and text carry the same ones) opens, in a fresh browser with no
 *   session, the page it names (never "Page introuvable", never an error).
 */
import { type MailCatcherHandle, startMailCatcher } from '@lumira/mail-catcher';
import { normalizeSpaces } from '@lumira/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxSettled } from '../../api-backend/test/mail-helpers';
import { type E2E, startE2E, uniqueEmail, WAIT } from './support/e2e-stack';

let catcher: MailCatcherHandle;
let e2e: E2E;
beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  e2e = await startE2E({ env: { SMTP_URL: catcher.smtpUrl, MAIL_POLL_INTERVAL_MS: '50' } });
});
afterAll(async () => {
  await e2e?.close();
  await catcher?.close();
});

const started = Date.now();
const step = (what: string) =>
  console.log(`[email-links] ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);

type Message = { ID: string; Subject: string; Text: string; HTML: string };

async function messagesTo(email: string): Promise<Message[]> {
  const list = (await (
    await fetch(`${catcher.httpUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}&limit=100`)
  ).json()) as { messages: { ID: string }[] };
  return Promise.all(
    list.messages.map(
      async (m) => (await (await fetch(`${catcher.httpUrl}/api/v1/message/${m.ID}`)).json()) as Message,
    ),
  );
}

/** The e-mail to `email` whose subject starts with `subject` (or matches it), once it has arrived. */
async function mailTo(email: string, subject: string | RegExp, timeoutMs = 60_000): Promise<Message> {
  const matches = (s: string) =>
    typeof subject === 'string' ? normalizeSpaces(s).startsWith(subject) : subject.test(normalizeSpaces(s));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await messagesTo(email)).find((m) => matches(m.Subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no e-mail "${subject}" for ${email}`);
}

const textLinks = (text: string) => [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])].sort();
const htmlLinks = (html: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).sort();

async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${e2e.stack.apiUrl}${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

/** What the page behind each link must show: its heading (and for some, the element that proves it works). */
async function expectWorkingPage(page: Page, link: URL, orderId: string): Promise<void> {
  const h1 = () => page.locator('h1').first().textContent();
  await page.goto(link.toString());
  await page.locator('h1').first().waitFor(WAIT);
  const path = link.pathname;
  if (path === '/confirmation') {
    expect(link.searchParams.get('order_id')).toBe(orderId);
    await expect.poll(() => page.getByTestId('order-status').textContent(), WAIT).toBeTruthy();
  } else if (path === `/seance/${orderId}`) {
    await expect.poll(h1, WAIT).toMatch(/^Votre séance avec /);
  } else if (path === '/compte/verification') {
    await expect.poll(h1, WAIT).toBe('Confirmation de votre adresse e-mail');
    await page.getByTestId('email-verified').waitFor(WAIT);
  } else if (path === '/mot-de-passe/nouveau') {
    await expect.poll(h1, WAIT).toBe('Choisir un nouveau mot de passe');
    await page.getByLabel('Nouveau mot de passe').waitFor(WAIT);
  } else if (path === '/mot-de-passe/oublie') {
    await expect.poll(h1, WAIT).toBe('Mot de passe oublié');
  } else if (path === '/compte') {
    await expect.poll(h1, WAIT).toBe('Mon compte');
    await page.getByRole('button', { name: 'Se connecter' }).waitFor(WAIT);
  } else if (path === '/cgv') {
    await expect.poll(h1, WAIT).toBe('Conditions générales de vente');
  } else if (path === '/mentions-legales') {
    await expect.poll(h1, WAIT).toBe('Mentions légales');
  } else if (path === '/confidentialite') {
    await expect.poll(h1, WAIT).toBe('Politique de confidentialité');
  } else {
    throw new Error(`an e-mail links to ${link}, which this test does not know: add what the page must show`);
  }
  expect(await h1()).not.toBe('Page introuvable');
  expect(await page.locator('[role="alert"]').count()).toBe(0);
}

describe('links in e-mails', () => {
  it('every link of every e-mail opens its working page; room and invoice links from the e-mails', async () => {
    const { stack } = e2e;
    const email = uniqueEmail('links');
    const created = (
      await call('POST', '/api/payments/create-payment-intent', {
        level: 'premium',
        service: 'premium',
        customerEmail: email,
        customerName: 'Inès Roux',
      })
    ).body as { clientSecret: string; orderId: string };
    const orderId = created.orderId;
    await stack.stripe.paymentIntents.confirm(created.clientSecret.split('_secret_')[0]!, {
      payment_method: 'pm_card_visa',
    });
    step('paid');
    const confirmation = await mailTo(email, 'Votre consultation avec');
    const receipt = await mailTo(email, 'Votre reçu et votre facture');

    // The expert opens the session: "vous attend", and the room is reachable from both e-mails.
    const expertJwt = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
    expect((await call('POST', `/api/desk/orders/${orderId}/start`, {}, expertJwt)).status).toBe(200);
    const waiting = await mailTo(email, / vous attend$/);

    const { page } = await e2e.newPage();
    await page.goto(textLinks(confirmation.Text).find((u) => u.includes('/confirmation?'))!);
    await page.getByTestId('join-session').click();
    await page.waitForURL(new RegExp(`/seance/${orderId}`), WAIT);
    await expect.poll(() => page.locator('h1').first().textContent(), WAIT).toMatch(/^Votre séance avec /);
    await page.getByTestId('room-presence').waitFor(WAIT);

    const { page: roomPage } = await e2e.newPage();
    await roomPage.goto(textLinks(waiting.Text).find((u) => u.includes(`/seance/${orderId}?token=`))!);
    await roomPage.getByTestId('room-presence').waitFor(WAIT);
    await expect.poll(() => roomPage.getByTestId('room-timer').count(), WAIT).toBe(1);

    step('room reached from both e-mails');
    // End, partial refund: the refund notice (with the avoir).
    expect(
      (await call('POST', `/api/desk/orders/${orderId}/end`, { reason: 'completed' }, expertJwt)).status,
    ).toBe(200);
    const adminJwt = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    const refund = await call(
      'POST',
      `/api/admin/orders/${orderId}/refund`,
      { amount: 1500, reason: 'Geste commercial' },
      adminJwt,
    );
    expect(refund.status).toBeLessThan(300);
    const notice = await mailTo(email, 'Remboursement de 15,00 €', 90_000);

    step('refund notice received');
    // The receipt's link: the order page, with the facture and the avoir as PDF downloads.
    const { page: invoicePage } = await e2e.newPage();
    await invoicePage.goto(textLinks(receipt.Text).find((u) => u.includes('/confirmation?'))!);
    await expect.poll(() => invoicePage.getByTestId('download-document').count(), WAIT).toBe(2);
    const names: string[] = [];
    for (const button of await invoicePage.getByTestId('download-document').all()) {
      const [download] = await Promise.all([invoicePage.waitForEvent('download'), button.click()]);
      const chunks: Buffer[] = [];
      for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
      names.push(download.suggestedFilename());
    }
    expect(names.sort()).toEqual([
      expect.stringMatching(/^avoir-AV-\d{4}-\d{6}\.pdf$/),
      expect.stringMatching(/^facture-F-\d{4}-\d{6}\.pdf$/),
    ]);
    expect(notice.Text).toContain('sous 5 à 10 jours ouvrés');

    step('facture and avoir downloaded');
    // The account e-mails of the same address.
    const password = 'liens-e2e-secret-2026';
    await call('POST', '/api/auth/register', { email, password, name: 'Inès' });
    await call('POST', '/api/auth/register', { email, password: 'une-autre-tentative-2026', name: 'X' });
    await call('POST', '/api/auth/password-reset/request', { email });
    await mailTo(email, 'Confirmez votre adresse');
    await mailTo(email, 'Tentative de création de compte');
    await mailTo(email, 'Réinitialisation');
    await outboxSettled(stack.db);

    step('account e-mails received');
    // Every link of every e-mail, in a fresh browser (no session: the e-mail's holder, nothing more).
    const messages = await messagesTo(email);
    expect(messages.map((m) => normalizeSpaces(m.Subject)).sort()).toEqual([
      'Confirmez votre adresse e-mail',
      expect.stringMatching(/vous attend$/),
      'Remboursement de 15,00 € pour votre commande',
      'Réinitialisation de votre mot de passe',
      'Tentative de création de compte avec votre adresse',
      expect.stringMatching(/^Votre consultation avec .+ est confirmée$/),
      expect.stringMatching(/^Votre reçu et votre facture F-/),
    ]);
    const toVisit = new Set<string>();
    for (const message of messages) {
      const inHtml = htmlLinks(message.HTML);
      const web = inHtml.filter((u) => u.startsWith('http'));
      // The text version carries the same web links as the HTML one.
      expect(textLinks(message.Text), message.Subject).toEqual([...new Set(web)].sort());
      for (const mailto of inHtml.filter((u) => u.startsWith('mailto:')))
        expect(mailto).toMatch(/^mailto:[^@\s]+@[^@\s]+$/);
      expect(
        inHtml.every((u) => u.startsWith('http') || u.startsWith('mailto:')),
        message.Subject,
      ).toBe(true);
      for (const url of web) toVisit.add(url);
    }
    // Each distinct link once (the footer's legal links are in every e-mail).
    let checked = 0;
    for (const url of toVisit) {
      const link = new URL(url);
      expect(link.origin, url).toBe(e2e.web.url);
      const { context, page: fresh } = await e2e.newPage();
      await expectWorkingPage(fresh, link, orderId);
      await context.close();
      checked++;
    }
    step(`${checked} distinct links opened`);
    // Order follow-up and room links, verification, reset, log-in, forgotten password, 3 legal pages.
    expect(checked).toBeGreaterThanOrEqual(10);
  }, 360_000);
});
