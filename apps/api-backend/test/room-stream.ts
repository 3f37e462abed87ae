/** A test client for Server-Sent Events streams: collects every `data:` payload (and its `id:`). */
import { eventually } from './payments-helpers';

export type StreamEvent = { id: string | null; data: { type: string; [key: string]: unknown } };

export type TestStream = {
  events: StreamEvent[];
  /** resolves once the server sent `event: ready` */
  ready: Promise<void>;
  /** waits until an event matches, answers it */
  waitFor(match: (event: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
};

export function openStream(url: string, headers: Record<string, string> = {}): TestStream {
  const controller = new AbortController();
  const events: StreamEvent[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  void (async () => {
    const res = await fetch(url, { signal: controller.signal, headers });
    if (!res.ok || !res.body) {
      events.push({ id: null, data: { type: 'http.error', status: res.status, body: await res.text() } });
      markReady();
      return;
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let id: string | null = null;
        for (const line of block.split('\n')) {
          if (line === 'event: ready') markReady();
          if (line.startsWith('id: ')) id = line.slice(4);
          if (line.startsWith('data: ')) events.push({ id, data: JSON.parse(line.slice(6)) });
        }
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => undefined);
  return {
    events,
    ready,
    async waitFor(match, timeoutMs = 10_000) {
      const found = await eventually(
        async () => events.find(match) ?? null,
        (e) => e !== null,
        timeoutMs,
      );
      return found!;
    },
    close: () => controller.abort(),
  };
}
