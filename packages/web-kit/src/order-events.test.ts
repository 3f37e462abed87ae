import type { OrderView } from '@lumira/shared';
import { describe, expect, it, vi } from 'vitest';
import { parseOrderEvent, subscribeOrderEvents } from './order-events';

const order = { id: '674123456789abcdef0000aa', status: 'paid' } as OrderView;

/** A stand-in EventSource: records listeners, lets the test emit events. */
class FakeSource {
  readonly listeners = new Map<string, ((event: Event) => void)[]>();
  closed = false;
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: string) {
    const event = data === undefined ? new Event(type) : new MessageEvent(type, { data });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

function open() {
  const sources: FakeSource[] = [];
  const handlers = { onOrder: vi.fn(), onOpen: vi.fn(), onReady: vi.fn(), onError: vi.fn() };
  const close = subscribeOrderEvents('http://api.test/events?token=t', handlers, (url) => {
    const source = new FakeSource(url);
    sources.push(source);
    return source as unknown as EventSource;
  });
  return { source: sources[0]!, handlers, close };
}

describe('parseOrderEvent', () => {
  it('reads an order.updated frame', () => {
    expect(parseOrderEvent(JSON.stringify({ type: 'order.updated', order }))).toEqual(order);
  });

  it.each([
    ['not json', 'oops'],
    ['another type', JSON.stringify({ type: 'ping' })],
    ['no order', JSON.stringify({ type: 'order.updated' })],
    ['an order that is not an object', JSON.stringify({ type: 'order.updated', order: 'o1' })],
    ['null', 'null'],
    ['empty', ''],
  ])('ignores %s', (_label, data) => {
    expect(parseOrderEvent(data)).toBeNull();
  });
});

describe('subscribeOrderEvents', () => {
  it('opens the URL and hands over orders from named and unnamed frames', () => {
    const { source, handlers } = open();
    expect(source.url).toBe('http://api.test/events?token=t');
    source.emit('order.updated', JSON.stringify({ type: 'order.updated', order }));
    source.emit(
      'message',
      JSON.stringify({ type: 'order.updated', order: { ...order, status: 'in_session' } }),
    );
    expect(handlers.onOrder.mock.calls.map(([o]) => o.status)).toEqual(['paid', 'in_session']);
  });

  it('skips heartbeats and malformed frames', () => {
    const { source, handlers } = open();
    source.emit('message', 'keep-alive');
    source.emit('message', JSON.stringify({ type: 'ping' }));
    expect(handlers.onOrder).not.toHaveBeenCalled();
  });

  it('reports open, ready and error', () => {
    const { source, handlers } = open();
    source.emit('open');
    source.emit('ready');
    source.emit('error');
    expect(handlers.onOpen).toHaveBeenCalledOnce();
    expect(handlers.onReady).toHaveBeenCalledOnce();
    expect(handlers.onError).toHaveBeenCalledOnce();
  });

  it('closes the stream with the closer it returns', () => {
    const { source, close } = open();
    expect(source.closed).toBe(false);
    close();
    expect(source.closed).toBe(true);
  });
});
