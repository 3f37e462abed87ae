import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db, migrateToLatest } from '../src/data/db';
import { newId } from '../src/data/ids';
import { MIGRATIONS } from '../src/data/migrations/index';
import type { NewOrderRow } from '../src/data/schema';
import { createTestDatabase, type TestDatabase } from './harness';

describe('migrations on an empty database', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.stop();
  });

  it('creates every table of the payment system, in order, and a second run applies nothing', async () => {
    const applied = await migrateToLatest(db);
    expect(applied).toEqual(Object.keys(MIGRATIONS));
    expect(applied[0]).toBe('0001-initial');

    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'`.execute(db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'experts',
        'users',
        'service_tiers',
        'orders',
        'order_events',
        'payment_events',
        'refunds',
        'idempotency_keys',
      ]),
    );
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('keeps the order history append-only and refuses impossible money values', async () => {
    const expertId = newId();
    await db
      .insertInto('experts')
      .values({ id: expertId, name: 'E', bio: '', tiers: ['basic'] })
      .execute();
    await db
      .insertInto('service_tiers')
      .values({
        id: 'basic',
        name: 'B',
        price_amount: 2900,
        currency: 'EUR',
        duration_minutes: 30,
        features: '[]',
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const orderId = newId();
    const order: NewOrderRow = {
      id: orderId,
      tier_id: 'basic',
      tier_name: 'B',
      amount: 2900,
      currency: 'EUR',
      duration_minutes: 30,
      refund_policy_version: 'v1',
      customer_email: 'a@b.test',
      customer_name: null,
      user_id: null,
      expert_id: expertId,
      payment_intent_id: null,
      access_token_hash: newId(),
      status: 'pending_payment',
      expires_at: new Date(Date.now() + 60_000),
      paid_at: null,
      session_started_at: null,
      session_ended_at: null,
      session_end_reason: null,
      notes: null,
      last_payment_error_code: null,
      last_payment_error_message: null,
    };
    await db.insertInto('orders').values(order).execute();
    await db
      .insertInto('order_events')
      .values({
        order_id: orderId,
        from_status: null,
        to_status: 'pending_payment',
        cause: 'customer',
        note: null,
      })
      .execute();

    await expect(db.updateTable('order_events').set({ note: 'rewritten' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('order_events').execute()).rejects.toThrow(/append-only/);
    await expect(
      db.updateTable('orders').set({ refunded_amount: 3000 }).where('id', '=', orderId).execute(),
    ).rejects.toThrow(/orders_refunded_within_amount/);
    await expect(
      db
        .insertInto('orders')
        .values({ ...order, id: newId(), access_token_hash: newId(), amount: -1 })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('payment_events')
        .values([
          {
            id: 'evt_1',
            type: 'payment_intent.succeeded',
            object_id: null,
            order_id: null,
            processed_at: null,
          },
          {
            id: 'evt_1',
            type: 'payment_intent.succeeded',
            object_id: null,
            order_id: null,
            processed_at: null,
          },
        ])
        .execute(),
    ).rejects.toThrow(/duplicate key/);
  });
});
