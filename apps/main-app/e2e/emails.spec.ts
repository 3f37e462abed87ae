/**
 * The e-mails a customer relies on, read from the mail catcher's Mailpit-compatible API and followed in
 * Chromium: the confirmation's link opens the order; the facture downloaded from that page says what it
 * must (parsed as PDF); the verification link brings the guest order into "Mes commandes"; the reset
 * link sets a new password.
 */
import { type MailCatcherHandle, startMailCatcher } from '@lumira/mail-catcher';
import { normalizeSpaces } from '@lumira/shared';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
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

type Caught = { ID: string; Subject: string };
async function mailTo(email: string, subjectStart: string): Promise<{ Text: string }> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const list = (await (
      await fetch(`${catcher.httpUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)
    ).json()) as { messages: Caught[] };
    const found = list.messages.find((m) => normalizeSpaces(m.Subject).startsWith(subjectStart));
    if (found)
      return (await (await fetch(`${catcher.httpUrl}/api/v1/message/${found.ID}`)).json()) as {
        Text: string;
      };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no e-mail "${subjectStart}" for ${email}`);
}
const linkIn = (text: string, path: string) => text.match(/https?:\/\/\S+/g)!.find((u) => u.includes(path))!;

describe('e-mails followed in the browser', () => {
  it('confirmation link -> order page -> facture PDF; verification link -> guest order in Mes commandes; reset link -> new password', async () => {
    const email = uniqueEmail('emails');
    const { stack } = e2e;
    const created = await fetch(`${stack.apiUrl}/api/payments/create-payment-intent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        level: 'premium',
        service: 'premium',
        customerEmail: email,
        customerName: 'Lou Martin',
      }),
    }).then((r) => r.json() as Promise<{ clientSecret: string; orderId: string }>);
    await stack.stripe.paymentIntents.confirm(created.clientSecret.split('_secret_')[0]!, {
      payment_method: 'pm_card_visa',
    });

    const confirmation = await mailTo(email, 'Votre consultation avec');
    const follow = linkIn(confirmation.Text, '/confirmation?');
    expect(follow.startsWith(e2e.web.url)).toBe(true);
    expect(linkIn(confirmation.Text, `/seance/${created.orderId}?token=`)).toBeTruthy();

    const { page } = await e2e.newPage();
    await page.goto(follow);
    await expect
      .poll(() => page.getByTestId('order-status').textContent(), WAIT)
      .toContain('Paiement confirmé');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-document').first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^facture-F-\d{4}-\d{6}\.pdf$/);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const pdf = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
    const text = normalizeSpaces((await extractText(pdf, { mergePages: true })).text);
    expect(text).toContain(`FACTURE N° ${download.suggestedFilename().slice(8, -4)}`);
    expect(text).toContain('79,00 €');
    expect(text).toContain('TVA non applicable, art. 293 B du CGI');
    expect(text).toContain('Lou Martin');
    await screenshot(page, 'email-follow-link');

    // The same person creates an account, then confirms the address from the e-mail.
    const password = 'mot-de-passe-e2e-2026';
    await fetch(`${stack.apiUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password, name: 'Lou' }),
    });
    const verification = await mailTo(email, 'Confirmez votre adresse');
    await page.goto(linkIn(verification.Text, '/compte/verification?token='));
    await expect.poll(() => page.getByTestId('email-verified').textContent(), WAIT).toContain('Une commande');
    await page.goto(`${e2e.web.url}/compte`);
    await page.getByLabel('Adresse e-mail').first().fill(email);
    await page.getByLabel('Mot de passe').first().fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator(`[data-order-id="${created.orderId}"]`).waitFor(WAIT);

    // Forgotten password, from the page to the e-mail to the new password.
    const { page: other } = await e2e.newPage();
    await other.goto(`${e2e.web.url}/mot-de-passe/oublie`);
    await other.getByLabel('Adresse e-mail').fill(email);
    await other.getByRole('button', { name: 'Recevoir le lien' }).click();
    await other.getByTestId('reset-requested').waitFor(WAIT);
    const reset = await mailTo(email, 'Réinitialisation');
    await other.goto(linkIn(reset.Text, '/mot-de-passe/nouveau?token='));
    await other.getByLabel('Nouveau mot de passe').fill('encore-un-autre-2026');
    await other.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await other.getByTestId('password-reset-done').waitFor(WAIT);
    const login = await fetch(`${stack.apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'encore-un-autre-2026' }),
    });
    expect(login.status).toBe(200);
  });
});
