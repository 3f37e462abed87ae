/**
 * The outbox worker sends under a lease, not a row lock: while the SMTP server holds one message
 * unanswered, the database holds no lock for it (no transaction open), the instance's other lanes keep
 * sending, and once the lease expires the held e-mail is sent again with the SAME Message-ID, so the
 * late copy is recognisable as a duplicate (at-least-once delivery).
 */
import { type MailCatcherHandle, startMailCatcher } from '@lumira/mail-catcher';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';
import { listCaught, outboxSettled } from './mail-helpers';
import { eventually, paidOrder } from './payments-helpers';

let catcher: MailCatcherHandle;
let stack: TestStack;

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  stack = await startTestStack({
    env: {
      SMTP_URL: catcher.smtpUrl,
      MAIL_FROM: 'Lumira Oracle <no-reply@lumira.test>',
      MAIL_POLL_INTERVAL_MS: '50',
      MAIL_LEASE_MS: '6000',
      MAIL_CONCURRENCY: '2',
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  await catcher?.close();
});

/** Locks any other session holds on mail_outbox (a worker inside a transaction would show here). */
async function outboxLocksHeldByOthers(): Promise<number> {
  const result = await sql<{ n: string }>`
    select count(*) as n from pg_locks l join pg_class c on c.oid = l.relation
     where c.relname = 'mail_outbox' and l.pid <> pg_backend_pid()`.execute(stack.db);
  return Number(result.rows[0]?.n);
}

describe('mail outbox lease', () => {
  it('holds no database lock during SMTP, keeps sending others, resends an expired lease with the same Message-ID', async () => {
    const held = catcher.holdNext();
    const first = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      service: 'basic',
      customerEmail: 'lease-one@example.com',
    });
    const heldMessage = await held;
    const { message } = heldMessage;
    const heldRow = await stack.db
      .selectFrom('mail_outbox')
      .select(['id', 'message_id', 'status', 'lease_token', 'lease_expires_at', 'attempts'])
      .where('message_id', '=', message.MessageID.split('@')[0]!)
      .executeTakeFirstOrThrow();
    expect(heldRow).toMatchObject({ status: 'pending', attempts: 1 });
    expect(heldRow.lease_token).not.toBeNull();

    // The held send has no transaction behind it: no session holds a lock on the outbox, and the row
    // can be locked at once by anyone (NOWAIT fails with 55P03 when another transaction holds it).
    const stillHeld = await stack.db
      .selectFrom('mail_outbox')
      .select(['status', 'lease_expires_at'])
      .where('id', '=', heldRow.id)
      .executeTakeFirstOrThrow();
    if (stillHeld.status === 'pending' && stillHeld.lease_expires_at!.getTime() > Date.now() + 500) {
      for (let i = 0; i < 5; i++) {
        expect(await outboxLocksHeldByOthers()).toBe(0);
        await new Promise((r) => setTimeout(r, 50));
      }
      await stack.db.transaction().execute(async (trx) => {
        const locked =
          await sql`select id from mail_outbox where id = ${heldRow.id} for update nowait`.execute(trx);
        expect(locked.rows).toHaveLength(1);
      });
    } else {
      throw new Error('the lease ran out before the lock checks: the machine is too slow for this test');
    }

    // Other e-mails still go out while that one waits for the server: the other of this order, and
    // both of a second order.
    const second = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      service: 'basic',
      customerEmail: 'lease-two@example.com',
    });
    await eventually(
      async () => (await listCaught(catcher)).filter((m) => m.MessageID !== message.MessageID).length,
      (n) => n === 3,
      30_000,
    );
    const sentRows = await stack.db
      .selectFrom('mail_outbox')
      .select(['order_id', 'status'])
      .where('order_id', 'in', [first.orderId, second.orderId])
      .where('status', '=', 'sent')
      .where('id', '<>', heldRow.id)
      .execute();
    expect(sentRows).toHaveLength(3);

    // The lease expires: another lane claims the row and delivers it (same Message-ID, attempt 2).
    const resent = await eventually(
      () =>
        stack.db
          .selectFrom('mail_outbox')
          .select(['status', 'attempts'])
          .where('id', '=', heldRow.id)
          .executeTakeFirstOrThrow(),
      (r) => r.status === 'sent',
      20_000,
    );
    expect(resent.attempts).toBe(2);
    expect((await listCaught(catcher)).filter((m) => m.MessageID === message.MessageID)).toHaveLength(1);
    expect(catcher.stats().duplicates).toBe(0);

    // The server finally answers the first attempt: a second copy, recognisable by its Message-ID.
    heldMessage.release();
    await eventually(
      async () => catcher.stats().duplicates,
      (n) => n === 1,
      20_000,
    );
    expect((await listCaught(catcher)).filter((m) => m.MessageID === message.MessageID)).toHaveLength(2);
    await outboxSettled(stack.db);
    const rows = await stack.db
      .selectFrom('mail_outbox')
      .select(['status', 'lease_token'])
      .where('order_id', 'in', [first.orderId, second.orderId])
      .execute();
    expect(rows.map((r) => [r.status, r.lease_token])).toEqual(Array(4).fill(['sent', null]));
  });
});
