import type { RoomMessage } from '@lumira/shared';
import { describe, expect, it } from 'vitest';
import {
  addPending,
  EMPTY_TRANSCRIPT,
  lastLineId,
  markPending,
  mergeLines,
  newClientMessageId,
} from './room-transcript';

const line = (id: string, text: string, clientMessageId: string | null = `c${id}xxxxxxx`): RoomMessage => ({
  id,
  sender: 'customer',
  text,
  clientMessageId,
  createdAt: '2026-12-06T10:00:00.000Z',
});

describe('the transcript a page holds', () => {
  it('keeps each stored line once, in id order, whatever the order and repetition of arrivals', () => {
    let t = mergeLines(EMPTY_TRANSCRIPT, [line('2', 'b'), line('10', 'c')]);
    t = mergeLines(t, [line('1', 'a'), line('2', 'b')]);
    t = mergeLines(t, [line('10', 'c')]);
    expect(t.lines.map((l) => l.text)).toEqual(['a', 'b', 'c']);
    expect(lastLineId(t)).toBe('10');
  });

  it('shows the own line at once and replaces the echo with the stored line when it arrives', () => {
    let t = addPending(EMPTY_TRANSCRIPT, {
      clientMessageId: 'm-1234567890',
      text: 'Bonjour',
      status: 'sending',
    });
    t = markPending(t, 'm-1234567890', 'failed');
    expect(t.pending).toEqual([{ clientMessageId: 'm-1234567890', text: 'Bonjour', status: 'failed' }]);
    t = mergeLines(t, [line('5', 'Bonjour', 'm-1234567890')]);
    expect(t.pending).toEqual([]);
    expect(t.lines).toHaveLength(1);
  });

  it('makes client ids the API accepts, different each time', () => {
    const a = newClientMessageId();
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newClientMessageId()).not.toBe(a);
  });
});
