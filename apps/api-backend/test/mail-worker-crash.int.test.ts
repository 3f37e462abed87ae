/**
 * A mail worker killed with SIGKILL in the middle of a send (the SMTP server has the whole message but
 * has not answered yet): the message is not delivered, the row's lease runs out, and the next worker
 * sends it. Each e-mail arrives exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MailCatcherHandle, startMailCatcher } from '@lumira/mail-catcher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';
import { outboxRows, outboxSettled, subjectsFor } from './mail-helpers';
import { paidOrder } from './payments-helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
let catcher: MailCatcherHandle;
let stack: TestStack;
let child: ChildProcess | null = null;

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  // The API instances queue e-mails but do not send them: only the child process does, at first.
  stack = await startTestStack({ env: { SMTP_URL: catcher.smtpUrl, MAIL_WORKER: 'false' } });
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await stack?.stop();
  await catcher?.close();
});

describe('mail worker crash', () => {
  it('a worker SIGKILLed mid-send delivers nothing; the next worker delivers each e-mail once', async () => {
    const email = 'crash@example.com';
    const order = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      service: 'basic',
      customerEmail: email,
    });
    expect((await outboxRows(stack.db, order.orderId)).map((r) => r.status)).toEqual(['pending', 'pending']);

    const held = catcher.holdNext();
    child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'mail-worker-child.ts')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: stack.databaseUrl,
        SMTP_URL: catcher.smtpUrl,
        JWT_SECRET: stack.config.jwt.secret,
        MAIL_POLL_INTERVAL_MS: '50',
        MAIL_LEASE_MS: '1500',
        MAIL_CONCURRENCY: '1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const message = await held;
    // The whole message reached the server, which has not answered: kill the sender now.
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(child.signalCode).toBe('SIGKILL');
    expect(message.message.To[0]?.Address).toBe(email);
    while (catcher.stats().abandoned === 0) await new Promise((r) => setTimeout(r, 20));
    expect(catcher.messages()).toHaveLength(0);
    const rows = await outboxRows(stack.db, order.orderId);
    expect(rows.every((r) => r.status === 'pending')).toBe(true);

    // Another worker (an API instance) picks the rows up once the dead one's lease has expired.
    await stack.startApiInstance({
      SMTP_URL: catcher.smtpUrl,
      MAIL_WORKER: 'true',
      MAIL_POLL_INTERVAL_MS: '50',
    });
    await outboxSettled(stack.db);
    await new Promise((r) => setTimeout(r, 300));
    expect(await subjectsFor(catcher, email)).toEqual([
      expect.stringMatching(/^Votre consultation avec .+ est confirmée$/),
      expect.stringMatching(/^Votre reçu et votre facture F-\d{4}-\d{6}$/),
    ]);
    expect(catcher.stats()).toMatchObject({ abandoned: 1, duplicates: 0 });
    expect((await outboxRows(stack.db, order.orderId)).map((r) => r.status)).toEqual(['sent', 'sent']);
  });
});
