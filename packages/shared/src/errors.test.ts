import { describe, expect, it } from 'vitest';
import {
  AppError,
  CLIENT_ERROR_CODES,
  ERROR_CODES,
  ERROR_HTTP_STATUS,
  ERROR_MESSAGES_FR,
  type ErrorCode,
  errorBody,
  isAppError,
  isErrorCode,
  parseApiError,
  ZErrorBody,
} from './errors';

describe('ERROR_HTTP_STATUS', () => {
  it.each<[ErrorCode, number]>([
    ['VALIDATION_FAILED', 400],
    ['INVALID_JSON', 400],
    ['TIER_MISMATCH', 400],
    ['PAYLOAD_TOO_LARGE', 413],
    ['UNSUPPORTED_MEDIA_TYPE', 415],
    ['TIER_INACTIVE', 409],
    ['UNAUTHENTICATED', 401],
    ['INVALID_CREDENTIALS', 401],
    ['LINK_INVALID_OR_EXPIRED', 400],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['EMAIL_TAKEN', 409],
    ['CONFLICT', 409],
    ['IDEMPOTENCY_CONFLICT', 409],
    ['INVALID_TRANSITION', 409],
    ['ORDER_NOT_CANCELLABLE', 409],
    ['REFUND_NOT_ALLOWED', 409],
    ['REFUND_AMOUNT_EXCEEDS_CAP', 400],
    ['EXPERT_NOT_FOUND', 404],
    ['EXPERT_INACTIVE', 409],
    ['EXPERT_TIER_NOT_OFFERED', 409],
    ['NO_EXPERT_AVAILABLE', 409],
    ['CARD_DECLINED', 402],
    ['PAYMENT_FAILED', 402],
    ['RATE_LIMITED', 429],
    ['WEBHOOK_SIGNATURE_INVALID', 400],
    ['WEBHOOK_ORDER_NOT_VISIBLE', 503],
    ['PAYMENT_PROVIDER_UNAVAILABLE', 503],
    ['PAYMENT_PROVIDER_ERROR', 502],
    ['NOT_READY', 503],
    ['INTERNAL_ERROR', 500],
  ])('%s -> %d', (code, status) => {
    expect(ERROR_HTTP_STATUS[code]).toBe(status);
  });

  it('has exactly one status per code and nothing else', () => {
    expect(Object.keys(ERROR_HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('every status is an HTTP error status (4xx or 5xx)', () => {
    for (const code of ERROR_CODES) {
      const status = ERROR_HTTP_STATUS[code];
      expect(status >= 400 && status < 600, code).toBe(true);
    }
  });
});

describe('ERROR_MESSAGES_FR', () => {
  it('has French copy for every server and client code', () => {
    expect(Object.keys(ERROR_MESSAGES_FR).sort()).toEqual([...ERROR_CODES, ...CLIENT_ERROR_CODES].sort());
    for (const [code, text] of Object.entries(ERROR_MESSAGES_FR)) {
      expect(text.trim().length, code).toBeGreaterThan(10);
      expect(text, code).not.toMatch(/[A-Z_]{6,}/); // no raw code leaking into copy
    }
  });
});

describe('AppError', () => {
  it('carries code, status, details and renders the error body', () => {
    const error = new AppError('TIER_MISMATCH', 'level and service differ', {
      level: 'basic',
      service: 'vip',
    });
    expect(error).toBeInstanceOf(Error);
    expect(isAppError(error)).toBe(true);
    expect(error.status).toBe(400);
    expect(error.toBody()).toEqual({
      error: {
        code: 'TIER_MISMATCH',
        message: 'level and service differ',
        details: { level: 'basic', service: 'vip' },
      },
    });
    expect(ZErrorBody.parse(error.toBody())).toEqual(error.toBody());
  });

  it('defaults the message to the French copy and omits absent details', () => {
    expect(errorBody('NOT_FOUND')).toEqual({
      error: { code: 'NOT_FOUND', message: ERROR_MESSAGES_FR.NOT_FOUND },
    });
    expect(isAppError(new Error('x'))).toBe(false);
  });

  it('isErrorCode recognises only the closed list', () => {
    expect(isErrorCode('CARD_DECLINED')).toBe(true);
    expect(isErrorCode('NETWORK_ERROR')).toBe(false);
    expect(isErrorCode('card_declined')).toBe(false);
  });
});

describe('parseApiError', () => {
  const body = {
    error: { code: 'CARD_DECLINED', message: 'Your card was declined.', details: { declineCode: 'generic' } },
  };

  it('reads a Lumira error body given as an object', () => {
    expect(parseApiError(402, body)).toEqual({
      code: 'CARD_DECLINED',
      message: 'Your card was declined.',
      userMessage: ERROR_MESSAGES_FR.CARD_DECLINED,
      status: 402,
      details: { declineCode: 'generic' },
    });
  });

  it('reads a Lumira error body given as JSON text', () => {
    expect(parseApiError(402, JSON.stringify(body)).code).toBe('CARD_DECLINED');
  });

  it.each<[string, number, unknown, string]>([
    ['network failure (fetch rejected)', 0, new TypeError('Failed to fetch'), 'NETWORK_ERROR'],
    ['status 0 without body', 0, undefined, 'NETWORK_ERROR'],
    ['an Error as body even with a status', 500, new Error('boom'), 'NETWORK_ERROR'],
    ['HTML from a proxy on 502', 502, '<html><body>Bad Gateway</body></html>', 'INTERNAL_ERROR'],
    ['empty body on 503', 503, '', 'NOT_READY'],
    ['plain text on 429', 429, 'Too many requests', 'RATE_LIMITED'],
    ['non-JSON 404', 404, 'Cannot GET /x', 'NOT_FOUND'],
    ['unknown code on 409', 409, { error: { code: 'SOMETHING_NEW', message: 'x' } }, 'CONFLICT'],
    ['wrong shape on 400', 400, { message: 'bad' }, 'VALIDATION_FAILED'],
    ['null body on 401', 401, null, 'UNAUTHENTICATED'],
    ['413 from the body parser', 413, 'request entity too large', 'PAYLOAD_TOO_LARGE'],
    ['unknown 4xx with junk', 418, '{not json', 'UNEXPECTED_RESPONSE'],
    ['a 200 that is not an error body', 200, { ok: true }, 'UNEXPECTED_RESPONSE'],
    ['a negative / NaN status is treated as no answer', Number.NaN, 'x', 'NETWORK_ERROR'],
  ])('%s -> %s', (_name, status, input, code) => {
    const parsed = parseApiError(status, input);
    expect(parsed.code).toBe(code);
    expect(parsed.userMessage).toBe(ERROR_MESSAGES_FR[parsed.code]);
    expect(parsed.message.length).toBeGreaterThan(0);
  });

  it('falls back to the French copy when the server message is empty', () => {
    expect(parseApiError(404, { error: { code: 'NOT_FOUND', message: '' } }).message).toBe(
      ERROR_MESSAGES_FR.NOT_FOUND,
    );
  });

  it('never throws, whatever it is given', () => {
    const weird: unknown[] = [
      Symbol('s'),
      42,
      [],
      { error: null },
      { error: { code: 1 } },
      () => 1,
      '{"error":',
    ];
    for (const value of weird) expect(() => parseApiError(500, value)).not.toThrow();
  });
});
