/**
 * Statements marked with `preparedStatement` are prepared once per connection (decision 0091): the
 * checkout's two statements and the order bundles are found in the connection's `pg_prepared_statements`
 * after use, nothing else is, and a marked statement answers the same rows as before.
 */
import { DEFAULT_CATALOG } from '@lumira/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCheckout, placeCheckoutOrder } from '../src/data/checkout-repository';
import { createDb, type Db, migrateToLatest, preparedStatement, queryConfig } from '../src/data/db';
import { newId } from '../src/data/ids';
import { findOrderBundle } from '../src/data/order-bundles-repository';
import { seedTiers } from '../src/data/service-tiers-repository';
import { createTestDatabase, type TestDatabase } from './harness';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  // One connection: what this test reads from pg_prepared_statements is the session that ran the statements.
  db = createDb(database.url, { max: 1 });
  await migrateToLatest(db);
  await seedTiers(db, DEFAULT_CATALOG);
  await sql`insert into experts (id, name, tiers, active, online) values
    (${'0123456789abcdef01234567'}, 'Prepared Expert', '{basic,premium,vip}', true, true)`.execute(db);
});

afterAll(async () => {
  await db?.destroy();
  await database?.stop();
});

const prepared = async () =>
  (await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(db)).rows.map(
    (r) => r.name,
  );

describe('prepared statements', () => {
  it('names a marked statement by its mark and its text, and leaves every other statement unnamed', () => {
    const a = queryConfig('/* prepared:x */ select $1::int', [1]);
    const b = queryConfig('/* prepared:x */ select $1::int + 1', [1]);
    expect(a.name).toMatch(/^lumira_x_[0-9a-f]{16}$/);
    expect(b.name).not.toBe(a.name);
    expect(queryConfig('/* prepared:x */ select $1::int', [2]).name).toBe(a.name);
    expect(queryConfig('select 1', []).name).toBeUndefined();
    expect(queryConfig('select 1 /* prepared:x */', []).name).toBeUndefined();
    expect(() => preparedStatement('Bad Name')).toThrow();
  });

  it('the checkout and the order bundle are prepared on first use and answer the same on every later use', async () => {
    expect(await prepared()).toEqual([]);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const id = newId();
      const placed = await db.transaction().execute(async (trx) => {
        const opening = await openCheckout(trx, {
          claim: { scope: 'test', key: `k-${id}`, requestHash: 'h', response: { orderId: id } },
          customer: { userId: null, email: `prepared-${i}@example.test` },
          tierId: 'premium',
          openStatuses: ['pending_payment', 'paid'],
        });
        expect(opening.claimed).toBe(true);
        expect(opening.tier).toMatchObject({ id: 'premium', price: { amount: 7900, currency: 'EUR' } });
        expect(opening.experts.map((e) => [e.id, e.openOrders])).toEqual([['0123456789abcdef01234567', i]]);
        return placeCheckoutOrder(trx, {
          order: {
            id,
            tierId: 'premium',
            tierName: 'Premium',
            amount: { amount: 7900, currency: 'EUR' },
            durationMinutes: 60,
            refundPolicyVersion: 'v1',
            customerEmail: `prepared-${i}@example.test`,
            customerName: null,
            userId: null,
            expertId: '0123456789abcdef01234567',
            accessTokenHash: String(i).repeat(64).slice(0, 64),
            status: 'pending_payment',
            expiresAt: new Date(Date.now() + 60_000),
          },
          pendingStatuses: ['pending_payment'],
          pendingLimit: 3,
        });
      });
      expect(placed.pendingOrders).toBe(0);
      expect(placed.order).toMatchObject({ id, status: 'pending_payment', amount: { amount: 7900 } });
      expect(placed.order?.createdAt).toBeInstanceOf(Date);
      ids.push(id);
    }
    for (const id of ids) {
      const bundle = await findOrderBundle(db, id);
      expect(bundle?.order).toMatchObject({ id, status: 'pending_payment', customerName: null });
      expect(bundle?.history.map((h) => [h.from, h.to])).toEqual([[null, 'pending_payment']]);
      expect(bundle?.expertName).toBe('Prepared Expert');
    }
    const names = await prepared();
    expect(names.map((n) => n.replace(/_[0-9a-f]{16}$/, ''))).toEqual([
      'lumira_checkout-open',
      'lumira_checkout-place',
      'lumira_order-bundles',
    ]);
  });
});
