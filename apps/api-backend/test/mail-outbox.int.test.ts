/**
 * The e-mail outbox end to end: state changes on two API instances -> outbox rows -> workers on both
 * instances -> SMTP -> the mail catcher (read through its Mailpit-compatible API). Each event gives
 * exactly one e-mail; an SMTP server refusing for a while delays it (retries with backoff) without
 * duplicates; links carry a scoped token that opens the order and never shows up in the logs.
 */
import { type MailCatcherHandle, startMailCatcher } from '@lumira/mail-catcher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandle } from '../src/server';
import { startTestStack, type TestStack } from './harness';
import {
  attachmentOf,
  linkIn,
  listCaught,
  outboxRows,
  outboxSettled,
  readCaught,
  subjectsFor,
} from './mail-helpers';
import { api, confirmCard, createOrder, eventually, paidOrder, waitForStatus } from './payments-helpers';

let catcher: MailCatcherHandle;
let stack: TestStack;
let second: ApiHandle;

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  const env = {
    SMTP_URL: catcher.smtpUrl,
    MAIL_FROM: 'Lumira Oracle <no-reply@lumira.test>',
    MAIL_POLL_INTERVAL_MS: '50',
    MAIL_RETRY_BASE_MS: '100',
    PUBLIC_URL: 'http://localhost:5173',
  };
  stack = await startTestStack({ env, sandbox: { refundSettleMs: 100 } });
  second = await stack.startApiInstance(env);
});
afterAll(async () => {
  await stack?.stop();
  await catcher?.close();
});

describe('e-mail outbox with two API instances', () => {
  it('sends exactly one e-mail per event: confirmation, receipt with the facture, session start, refund with the avoir', async () => {
    const email = 'one-each@example.com';
    const created = await createOrder(stack, {
      level: 'premium',
      service: 'premium',
      customerEmail: email,
      customerName: 'Alice Martin',
    });
    await confirmCard(stack, created.clientSecret, 'pm_card_visa');
    // The browser return path on the second instance races the webhook on the first: one settlement.
    await api({ apiUrl: second.url }, 'POST', '/api/payments/confirm-payment', {
      body: { paymentIntentId: created.clientSecret.split('_secret_')[0] },
    });
    await waitForStatus(stack, created.orderId, created.orderAccessToken, 'paid');

    const expertJwt = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
    const started = await api({ apiUrl: second.url }, 'POST', `/api/desk/orders/${created.orderId}/start`, {
      token: expertJwt,
    });
    expect(started.status).toBe(200);
    const end = await api(stack, 'POST', `/api/desk/orders/${created.orderId}/end`, {
      token: expertJwt,
      body: { reason: 'completed' },
    });
    expect(end.status).toBe(200);
    const adminJwt = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    const refund = await api(stack, 'POST', `/api/admin/orders/${created.orderId}/refund`, {
      token: adminJwt,
      body: { amount: 2000, reason: 'Geste commercial' },
    });
    expect(refund.status).toBeLessThan(300);
    await waitForStatus(stack, created.orderId, created.orderAccessToken, 'partially_refunded');

    await outboxSettled(stack.db);
    // A few more worker rounds on both instances: still nothing new.
    await new Promise((r) => setTimeout(r, 400));
    expect(await subjectsFor(catcher, email)).toEqual([
      'Expert Test vous attend',
      'Remboursement de 20,00 € pour votre commande',
      'Votre consultation avec Expert Test est confirmée',
      expect.stringMatching(/^Votre reçu et votre facture F-\d{4}-\d{6}$/),
    ]);
    expect(catcher.stats().duplicates).toBe(0);
    const rows = await outboxRows(stack.db, created.orderId);
    expect(rows.map((r) => [r.kind, r.status, r.attempts])).toEqual([
      ['order_confirmation', 'sent', 1],
      ['order_receipt', 'sent', 1],
      ['session_started', 'sent', 1],
      ['refund_notice', 'sent', 1],
    ]);

    const messages = await listCaught(catcher, email);
    const receipt = await readCaught(catcher, messages.find((m) => m.Subject.startsWith('Votre reçu'))!.ID);
    expect(receipt.Attachments).toMatchObject([
      { ContentType: 'application/pdf', FileName: expect.stringMatching(/^facture-F-/) },
    ]);
    const pdf = await attachmentOf(catcher, receipt.ID, receipt.Attachments[0]!.PartID);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const notice = await readCaught(catcher, messages.find((m) => m.Subject.startsWith('Remboursement'))!.ID);
    expect(notice.Text).toContain('sous 5 à 10 jours ouvrés');
    expect(notice.Text).toContain('Motif : Geste commercial');
    expect(notice.Attachments[0]?.FileName).toMatch(/^avoir-AV-\d{4}-\d{6}\.pdf$/);
    expect(notice.HTML).toContain('<html lang="fr">');
  });

  it('puts a scoped, expiring link in the confirmation that opens the order and its room, never logged', async () => {
    const email = 'links@example.com';
    const order = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      service: 'basic',
      customerEmail: email,
    });
    await outboxSettled(stack.db);
    const [summary] = (await listCaught(catcher, email)).filter((m) => m.Subject.includes('confirmée'));
    const message = await readCaught(catcher, summary!.ID);
    const follow = new URL(linkIn(message.Text, '/confirmation?'));
    expect(follow.origin).toBe('http://localhost:5173');
    expect(follow.searchParams.get('order_id')).toBe(order.orderId);
    const linkToken = follow.searchParams.get('token')!;
    expect(linkToken).toMatch(/^ol1\./);
    const room = new URL(linkIn(message.Text, '/seance/'));
    expect(room.pathname).toBe(`/seance/${order.orderId}`);
    expect(room.searchParams.get('token')).toBe(linkToken);
    // The HTML carries the same links.
    expect(message.HTML).toContain(`/seance/${order.orderId}?token=${linkToken}`);

    // The link token opens this order (header or query), not another one.
    const read = await api(stack, 'GET', `/api/payments/order/${order.orderId}`, {
      headers: { 'X-Order-Token': linkToken },
    });
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('paid');
    const other = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      service: 'basic',
      customerEmail: 'someone-else@example.com',
    });
    expect(
      (await api(stack, 'GET', `/api/payments/order/${other.orderId}?token=${encodeURIComponent(linkToken)}`))
        .status,
    ).toBe(404);
    const forged = `${linkToken.slice(0, -3)}AAA`;
    expect(
      (await api(stack, 'GET', `/api/payments/order/${order.orderId}?token=${encodeURIComponent(forged)}`))
        .status,
    ).toBe(404);

    // Neither the link token nor the order access token is in any log line or e-mail.
    const logs = stack.logs().join('\n');
    expect(logs).not.toContain(linkToken);
    expect(logs).not.toContain(order.orderAccessToken);
    expect(message.Text).not.toContain(order.orderAccessToken);
  });

  it('retries while the SMTP server refuses, then delivers each e-mail once; failures counted and shown to admins', async () => {
    const email = 'refused@example.com';
    await outboxSettled(stack.db);
    catcher.refuseNext(4);
    const refusedBefore = catcher.stats().refused;
    const order = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      service: 'basic',
      customerEmail: email,
    });
    await outboxSettled(stack.db);
    expect(catcher.stats().refused - refusedBefore).toBe(4);
    expect(await subjectsFor(catcher, email)).toEqual([
      expect.stringMatching(/^Votre consultation avec .+ est confirmée$/),
      expect.stringMatching(/^Votre reçu et votre facture F-/),
    ]);
    const rows = await outboxRows(stack.db, order.orderId);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.attempts, 0)).toBe(2 + 4);
    expect(catcher.stats().duplicates).toBe(0);

    const metrics = await Promise.all(
      [stack.api.url, second.url].map(async (url) => (await fetch(`${url}/metrics`)).text()),
    );
    const failures = metrics
      .flatMap((text) => text.split('\n'))
      .filter((line) => line.startsWith('lumira_email_failures_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    expect(failures).toBeGreaterThanOrEqual(4);
    expect(metrics[0]).toMatch(/lumira_email_outbox\{[^}]*status="sent"[^}]*\} \d+/);
  });

  it('gives up after MAIL_MAX_ATTEMPTS, shows the failure to admins, who can send it again', async () => {
    const lonely = await stack.startApiInstance({
      SMTP_URL: 'smtp://127.0.0.1:9',
      MAIL_POLL_INTERVAL_MS: '50',
      MAIL_RETRY_BASE_MS: '10',
      MAIL_MAX_ATTEMPTS: '2',
    });
    // Only the instance with the dead SMTP server works on this row: stop the others' workers first.
    await stack.ctx.mailWorker?.stop();
    await second.ctx.mailWorker?.stop();
    const email = 'given-up@example.com';
    const order = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      service: 'basic',
      customerEmail: email,
    });
    const adminJwt = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    const failed = await eventually(
      () =>
        api(stack, 'GET', `/api/admin/emails?status=failed&orderId=${order.orderId}`, { token: adminJwt }),
      (r) => r.status === 200 && r.body.emails.length === 2,
    );
    expect(failed.body.counts.failed).toBeGreaterThanOrEqual(2);
    expect(failed.body.emails[0]).toMatchObject({ status: 'failed', attempts: 2, recipient: email });
    expect(failed.body.emails[0].lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect((await api(stack, 'GET', '/api/admin/emails', {})).status).toBe(401);
    await lonely.close();

    // An instance with a working SMTP server takes the resent e-mails.
    const healthy = await stack.startApiInstance({ SMTP_URL: catcher.smtpUrl, MAIL_POLL_INTERVAL_MS: '50' });
    for (const mail of failed.body.emails) {
      const retry = await api(stack, 'POST', `/api/admin/emails/${mail.id}/retry`, { token: adminJwt });
      expect(retry.status).toBe(202);
      expect(retry.body).toEqual({ queued: true, outcome: 'requeued' });
    }
    // Asking again changes nothing: the e-mail is waiting (or already sent), never queued twice.
    const again = await api(stack, 'POST', `/api/admin/emails/${failed.body.emails[0].id}/retry`, {
      token: adminJwt,
    });
    expect(again.status).toBe(202);
    expect(['already_queued', 'already_sent']).toContain(again.body.outcome);
    expect((await api(stack, 'POST', '/api/admin/emails/999999999/retry', { token: adminJwt })).status).toBe(
      404,
    );
    await outboxSettled(stack.db);
    expect(await subjectsFor(catcher, email)).toHaveLength(2);
    const afterSent = await api(stack, 'POST', `/api/admin/emails/${failed.body.emails[0].id}/retry`, {
      token: adminJwt,
    });
    expect(afterSent.body).toEqual({ queued: false, outcome: 'already_sent' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await subjectsFor(catcher, email)).toHaveLength(2);
    // Each request is on the audit trail, with the admin who made it.
    const listed = await api(stack, 'GET', `/api/admin/emails?orderId=${order.orderId}`, { token: adminJwt });
    const first = listed.body.emails.find((m: { id: string }) => m.id === failed.body.emails[0].id);
    expect(first.status).toBe('sent');
    expect(first.adminActions.map((a: { outcome: string }) => a.outcome)).toEqual([
      'requeued',
      again.body.outcome,
      'already_sent',
    ]);
    expect(new Set(first.adminActions.map((a: { adminUserId: string }) => a.adminUserId)).size).toBe(1);
    await healthy.close();
  });
});
