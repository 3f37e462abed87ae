/**
 * TEST DOUBLE: importing this module (first, before the code under test) swaps the data layer's
 * repository modules for the in-memory ones of `in-memory-data.ts`, in the importing test file.
 */
import { vi } from 'vitest';

vi.mock('../data/orders-repository', async () => (await import('./in-memory-data')).ordersRepository);
vi.mock(
  '../data/order-events-repository',
  async () => (await import('./in-memory-data')).orderEventsRepository,
);
vi.mock(
  '../data/idempotency-keys-repository',
  async () => (await import('./in-memory-data')).idempotencyKeysRepository,
);
vi.mock('../data/checkout-repository', async () => (await import('./in-memory-data')).checkoutRepository);
vi.mock('../data/experts-repository', async () => (await import('./in-memory-data')).expertsRepository);
vi.mock(
  '../data/service-tiers-repository',
  async () => (await import('./in-memory-data')).serviceTiersRepository,
);
vi.mock('../data/refunds-repository', async () => (await import('./in-memory-data')).refundsRepository);
vi.mock(
  '../data/payment-events-repository',
  async () => (await import('./in-memory-data')).paymentEventsRepository,
);
