import { ERROR_MESSAGES_FR } from '@lumira/shared';
import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, isNotFound, toApiError } from './api-error';

describe('toApiError', () => {
  it('reads a Lumira error body: code, status, server message and details', () => {
    const error = toApiError(409, {
      error: { code: 'INVALID_TRANSITION', message: 'paid -> completed', details: { a: 1 } },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ApiError',
      status: 409,
      code: 'INVALID_TRANSITION',
      details: { a: 1 },
    });
    expect(error.message).toBe('paid -> completed');
    expect(error.userMessage).toBe(ERROR_MESSAGES_FR.INVALID_TRANSITION);
  });

  it('reads the same body sent as JSON text', () => {
    expect(toApiError(400, '{"error":{"code":"TIER_MISMATCH","message":"x"}}').code).toBe('TIER_MISMATCH');
  });

  it('maps a fetch that got no answer to NETWORK_ERROR, status 0', () => {
    expect(toApiError(0, new TypeError('Failed to fetch'))).toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
    });
  });

  it('maps a body that is not ours (a proxy page) by its status', () => {
    expect(toApiError(502, '<html>Bad gateway</html>')).toMatchObject({ status: 502 });
    expect(toApiError(429, '').code).toBe('RATE_LIMITED');
    expect(toApiError(404, null).code).toBe('NOT_FOUND');
  });
});

describe('errorMessage', () => {
  it('gives the French copy of the code, never the server text', () => {
    const error = toApiError(400, { error: { code: 'TIER_MISMATCH', message: 'level and service differ' } });
    expect(errorMessage(error)).toMatch(/formule choisie est incohérente/);
  });

  it('gives the generic French sentence for anything else', () => {
    expect(errorMessage(new Error('boom'))).toBe(ERROR_MESSAGES_FR.INTERNAL_ERROR);
    expect(errorMessage('nope')).toBe(ERROR_MESSAGES_FR.INTERNAL_ERROR);
  });
});

describe('isNotFound', () => {
  it('is true for NOT_FOUND and a plain 404 only', () => {
    expect(isNotFound(toApiError(404, { error: { code: 'NOT_FOUND', message: 'x' } }))).toBe(true);
    expect(isNotFound(toApiError(404, '<html>'))).toBe(true);
    expect(isNotFound(toApiError(403, { error: { code: 'FORBIDDEN', message: 'x' } }))).toBe(false);
    expect(isNotFound(new Error('404'))).toBe(false);
  });
});
