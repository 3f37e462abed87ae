/**
 * Server-Sent Events plumbing. EventSource cannot send headers, so SSE routes (and only they) accept the
 * JWT as `?access_token=` (`sseAuth`) and the order access token as `?token=`.
 */
import { AppError } from '@lumira/shared';
import type { Request, RequestHandler, Response } from 'express';
import { verifySession } from './auth';

/** Like optionalAuth, but also reads `?access_token=` (SSE only). */
export const sseAuth: RequestHandler = async (req, _res, next) => {
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (header && !match)
    throw new AppError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
  const query = req.query.access_token;
  const token = match?.[1] ?? (typeof query === 'string' && query ? query : null);
  if (token) req.auth = await verifySession(req, token);
  next();
};

export type EventStream = {
  /** `id`: the SSE event id (the browser sends the last one back as Last-Event-ID when it reconnects). */
  send(data: unknown, id?: string): void;
  /** `event: ready`: the stream is subscribed (front ends ignore it; tests wait for it). */
  ready(): void;
  onClose(fn: () => void): void;
};

/** Streams open now per application and client (account, else address): SSE_MAX_STREAMS_PER_CLIENT. */
const openStreams = new WeakMap<object, Map<string, number>>();

/**
 * Switches the response to an event stream with a heartbeat; closes cleanly when the client leaves.
 * A client already holding SSE_MAX_STREAMS_PER_CLIENT streams gets 429 RATE_LIMITED instead.
 */
export function openEventStream(req: Request, res: Response): EventStream {
  const client = req.auth?.userId ? `user:${req.auth.userId}` : `ip:${req.ip ?? ''}`;
  let perClient = openStreams.get(req.ctx);
  if (!perClient) {
    perClient = new Map();
    openStreams.set(req.ctx, perClient);
  }
  const open = perClient.get(client) ?? 0;
  const limit = req.ctx.config.limits.sseStreamsPerClient;
  if (open >= limit) {
    throw new AppError('RATE_LIMITED', 'Too many live streams open', { reason: 'sse_streams', limit });
  }
  perClient.set(client, open + 1);
  const streams = perClient;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const left = (streams.get(client) ?? 1) - 1;
    if (left > 0) streams.set(client, left);
    else streams.delete(client);
  };
  res.on('close', release);
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 3000\n\n');
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  heartbeat.unref();
  const closers: (() => void)[] = [() => clearInterval(heartbeat), release];
  req.on('close', () => {
    for (const fn of closers) fn();
  });
  return {
    send(data, id) {
      if (res.writableEnded) return;
      const idLine = id !== undefined && /^[\w-]{1,64}$/.test(id) ? `id: ${id}\n` : '';
      res.write(`${idLine}data: ${JSON.stringify(data)}\n\n`);
    },
    ready() {
      if (!res.writableEnded) res.write('event: ready\ndata: {}\n\n');
    },
    onClose(fn) {
      closers.push(fn);
    },
  };
}
