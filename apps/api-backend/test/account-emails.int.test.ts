/**
 * Account e-mails through the catcher: registration sends a verification link (and, for an address that
 * already has an account, a rate-limited notice to its holder); following the link verifies
 * the address and brings the guest orders placed with it into "Mes commandes". "Mot de passe oublié"
 * answers the same for every address, mails a single-use link only to an existing account, and the link
 * sets a new password once.
 */
import { type MailCatcherHandle, startMailCatcher } from '@lumira/mail-catcher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRATION_NOTICE_WINDOW_MS, registerCustomer } from '../src/domain/auth/register-customer';
import { startTestStack, type TestStack } from './harness';
import { linkIn, listCaught, outboxSettled, readCaught } from './mail-helpers';
import { api, paidOrder } from './payments-helpers';

let catcher: MailCatcherHandle;
let stack: TestStack;

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  stack = await startTestStack({
    env: { SMTP_URL: catcher.smtpUrl, MAIL_POLL_INTERVAL_MS: '50', PUBLIC_URL: 'http://localhost:5173' },
  });
});
afterAll(async () => {
  await stack?.stop();
  await catcher?.close();
});

async function tokenFromMail(to: string, subject: string, path: string): Promise<string> {
  await outboxSettled(stack.db);
  const found = (await listCaught(catcher, to)).filter((m) => m.Subject === subject);
  expect(found).toHaveLength(1);
  const message = await readCaught(catcher, found[0]!.ID);
  const url = new URL(linkIn(message.Text, path));
  expect(url.origin + url.pathname).toBe(`http://localhost:5173${path}`);
  return url.searchParams.get('token')!;
}

describe('account e-mails', () => {
  it('verifying the address brings the earlier guest orders into "Mes commandes"', async () => {
    const email = 'guest-then-member@example.com';
    const guest = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      service: 'basic',
      customerEmail: email,
    });
    const registered = await api(stack, 'POST', '/api/auth/register', {
      body: { email, password: 'a-long-enough-secret-9', name: 'Bob' },
    });
    expect(registered.status).toBe(202);
    const jwt = await stack.login(email, 'a-long-enough-secret-9');
    expect((await api(stack, 'GET', '/api/payments/orders', { token: jwt })).body.orders).toHaveLength(0);

    const token = await tokenFromMail(email, 'Confirmez votre adresse e-mail', '/compte/verification');
    const verified = await api(stack, 'POST', '/api/auth/verify-email', { body: { token } });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ verified: true, attachedOrders: 1 });
    const mine = await api(stack, 'GET', '/api/payments/orders', { token: jwt });
    expect(mine.body.orders.map((o: { id: string }) => o.id)).toEqual([guest.orderId]);
    // The guest's access token still works too.
    expect(
      (
        await api(
          stack,
          'GET',
          `/api/payments/order/${guest.orderId}?token=${encodeURIComponent(guest.orderAccessToken)}`,
        )
      ).status,
    ).toBe(200);

    const again = await api(stack, 'POST', '/api/auth/verify-email', { body: { token } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('LINK_INVALID_OR_EXPIRED');
    expect(
      (await api(stack, 'POST', '/api/auth/verify-email', { body: { token: 'x'.repeat(43) } })).status,
    ).toBe(400);
  });

  it('registering with a taken address: the same 202, and the account holder is told once (rate-limited per address)', async () => {
    const email = 'taken-twice@example.com';
    const answers = [];
    for (const name of ['First', 'Second', 'Third', 'Fourth']) {
      const res = await api(stack, 'POST', '/api/auth/register', {
        body: { email, password: 'another-long-secret-7', name },
      });
      answers.push([res.status, res.body]);
    }
    // No enumeration: the free address and the taken one get the same answer.
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]![0]).toBe(202);
    await outboxSettled(stack.db);
    const caught = await listCaught(catcher, email);
    expect(caught.map((m) => m.Subject).sort()).toEqual([
      'Confirmez votre adresse e-mail',
      'Tentative de création de compte avec votre adresse',
    ]);
    const notice = await readCaught(catcher, caught.find((m) => m.Subject.startsWith('Tentative'))!.ID);
    expect(notice.Text).toContain('Bonjour First,');
    expect(notice.Text).toContain('aucun nouveau compte n’a été créé');
    expect(linkIn(notice.Text, '/compte')).toBe('http://localhost:5173/compte');
    expect(linkIn(notice.Text, '/mot-de-passe/oublie')).toBe('http://localhost:5173/mot-de-passe/oublie');
    expect(notice.HTML).toContain('href="http://localhost:5173/mot-de-passe/oublie"');
    // The notice carries no token and changes nothing: the first password still logs in.
    expect(notice.Text).not.toMatch(/token=/);
    expect(await stack.login(email, 'another-long-secret-7')).toBeTruthy();

    // The next window allows one more notice, no more.
    const later = new Date(Date.now() + REGISTRATION_NOTICE_WINDOW_MS);
    for (let i = 0; i < 3; i++) {
      const outcome = await registerCustomer(
        stack.ctx,
        { email, password: 'another-long-secret-7', name: 'Later' },
        later,
      );
      expect(outcome.kind).toBe('email_taken');
    }
    await outboxSettled(stack.db);
    expect(
      (await listCaught(catcher, email))
        .filter((m) => m.Subject.startsWith('Tentative'))
        .map((m) => m.Subject),
    ).toHaveLength(2);
    // A free address gets its verification e-mail and no notice.
    const fresh = 'fresh-address@example.com';
    await api(stack, 'POST', '/api/auth/register', {
      body: { email: fresh, password: 'another-long-secret-7', name: 'Fresh' },
    });
    await outboxSettled(stack.db);
    expect((await listCaught(catcher, fresh)).map((m) => m.Subject)).toEqual([
      'Confirmez votre adresse e-mail',
    ]);
  });

  it('"mot de passe oublié": same answer for every address, one single-use link to the account only', async () => {
    const email = 'forgetful@example.com';
    await api(stack, 'POST', '/api/auth/register', {
      body: { email, password: 'first-password-123', name: 'Fanny' },
    });
    const known = await api(stack, 'POST', '/api/auth/password-reset/request', { body: { email } });
    const unknown = await api(stack, 'POST', '/api/auth/password-reset/request', {
      body: { email: 'nobody-here@example.com' },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await new Promise((r) => setTimeout(r, 200));
    const token = await tokenFromMail(
      email,
      'Réinitialisation de votre mot de passe',
      '/mot-de-passe/nouveau',
    );
    expect(await listCaught(catcher, 'nobody-here@example.com')).toHaveLength(0);

    const weak = await api(stack, 'POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'short' },
    });
    expect(weak.status).toBe(400);
    const reset = await api(stack, 'POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'second-password-456' },
    });
    expect(reset.status).toBe(200);
    await expect(stack.login(email, 'first-password-123')).rejects.toThrow();
    expect(await stack.login(email, 'second-password-456')).toBeTruthy();
    const reused = await api(stack, 'POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'third-password-789' },
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('LINK_INVALID_OR_EXPIRED');
    expect(stack.logs().join('\n')).not.toContain(token);
  });

  it('serves the seller details the legal pages are filled with', async () => {
    const legal = await api(stack, 'GET', '/api/legal');
    expect(legal.status).toBe(200);
    expect(legal.body).toMatchObject({
      seller: { name: 'Lumira Oracle SAS', siren: '000000000' },
      vatMention: 'TVA non applicable, art. 293 B du CGI',
      orderLinkDays: 30,
    });
  });
});
