import { AppError } from '@lumira/shared';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { getMetrics } from './get-metrics';

/** A request carrying just what getMetrics reads, and a response recording what it sends. */
function call(config: { metricsToken: string | null; isProduction: boolean }, authorization?: string) {
  const sent: { body?: unknown; type?: string } = {};
  const req = {
    ctx: {
      config,
      metrics: {
        registry: { contentType: 'text/plain; version=0.0.4', metrics: async () => 'lumira_up 1\n' },
      },
    },
    get: (name: string) => (name.toLowerCase() === 'authorization' ? authorization : undefined),
  } as unknown as Request;
  const res = {
    setHeader: (_name: string, value: string) => {
      sent.type = value;
    },
    send: (body: unknown) => {
      sent.body = body;
    },
  } as unknown as Response;
  return { run: () => getMetrics(req, res), sent };
}

async function errorCode(run: () => Promise<void>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'not an AppError';
  }
}

describe('GET /metrics', () => {
  it.each([
    // [production, token configured, Authorization sent, expected error code or null for the figures]
    [true, null, undefined, 'NOT_FOUND'],
    [true, null, 'Bearer anything', 'NOT_FOUND'],
    [true, 'secret-metrics-token', undefined, 'UNAUTHENTICATED'],
    [true, 'secret-metrics-token', 'Bearer wrong-metrics-token', 'UNAUTHENTICATED'],
    [true, 'secret-metrics-token', 'Bearer secret-metrics-token', null],
    [false, null, undefined, null],
    [false, 'secret-metrics-token', undefined, 'UNAUTHENTICATED'],
    [false, 'secret-metrics-token', 'Bearer secret-metrics-token', null],
  ] as const)(
    'production %s, token %s, sent %s: %s',
    async (isProduction, metricsToken, authorization, code) => {
      const { run, sent } = call({ isProduction, metricsToken }, authorization);
      expect(await errorCode(run)).toBe(code);
      expect(sent.body).toBe(code === null ? 'lumira_up 1\n' : undefined);
    },
  );
});
