import { describe, expect, it } from 'vitest';
import { orderFixture } from '../test/order-fixture';
import { parseOrderEvent } from './order-events';

describe('parseOrderEvent', () => {
  it('reads an order.updated frame', () => {
    const order = orderFixture();
    expect(parseOrderEvent(JSON.stringify({ type: 'order.updated', order }))).toEqual(order);
  });

  it.each([
    ['not json', 'oops'],
    ['another type', JSON.stringify({ type: 'ping' })],
    ['no order', JSON.stringify({ type: 'order.updated' })],
    ['null', 'null'],
  ])('ignores %s', (_label, data) => {
    expect(parseOrderEvent(data)).toBeNull();
  });
});
