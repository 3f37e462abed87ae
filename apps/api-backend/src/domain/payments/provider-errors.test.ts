import { AppError } from '@lumira/shared';
import { describe, expect, it } from 'vitest';
import { PaymentGatewayError, type PaymentGatewayErrorKind } from '../../providers/payment-gateway';
import {
  callProvider,
  fromProviderError,
  isTransientProviderError,
  type ProviderCallKind,
} from './provider-errors';

const failure = (kind: PaymentGatewayErrorKind) =>
  new PaymentGatewayError(kind, `provider said ${kind}`, 'code_x');

describe('fromProviderError: one table from provider failures to API errors', () => {
  it.each<[ProviderCallKind, PaymentGatewayErrorKind, string, number]>([
    ['payment', 'card_declined', 'CARD_DECLINED', 402],
    ['payment', 'rate_limited', 'PAYMENT_PROVIDER_UNAVAILABLE', 503],
    ['payment', 'unavailable', 'PAYMENT_PROVIDER_UNAVAILABLE', 503],
    ['payment', 'bad_signature', 'WEBHOOK_SIGNATURE_INVALID', 400],
    ['payment', 'invalid_request', 'PAYMENT_PROVIDER_ERROR', 502],
    ['payment', 'not_found', 'PAYMENT_PROVIDER_ERROR', 502],
    ['client_reference', 'not_found', 'NOT_FOUND', 404],
    ['client_reference', 'invalid_request', 'NOT_FOUND', 404],
    ['client_reference', 'unavailable', 'PAYMENT_PROVIDER_UNAVAILABLE', 503],
    ['webhook_verification', 'bad_signature', 'WEBHOOK_SIGNATURE_INVALID', 400],
    ['webhook_verification', 'invalid_request', 'VALIDATION_FAILED', 400],
    ['webhook_processing', 'not_found', 'PAYMENT_PROVIDER_UNAVAILABLE', 503],
    ['webhook_processing', 'invalid_request', 'PAYMENT_PROVIDER_UNAVAILABLE', 503],
    ['webhook_processing', 'rate_limited', 'PAYMENT_PROVIDER_UNAVAILABLE', 503],
  ])('%s: %s -> %s (%i)', (during, kind, code, status) => {
    const translated = fromProviderError(failure(kind), during);
    expect(translated).toBeInstanceOf(AppError);
    expect((translated as AppError).code).toBe(code);
    expect((translated as AppError).status).toBe(status);
    // The provider's own words never reach the client.
    expect((translated as AppError).message).not.toContain('provider said');
  });

  it('leaves every other error untouched', () => {
    const own = new AppError('CONFLICT', 'ours');
    const bug = new TypeError('bug');
    expect(fromProviderError(own)).toBe(own);
    expect(fromProviderError(bug, 'webhook_processing')).toBe(bug);
  });

  it('callProvider answers the result or throws the translated error', async () => {
    await expect(callProvider('payment', async () => 42)).resolves.toBe(42);
    await expect(
      callProvider('client_reference', async () => {
        throw failure('not_found');
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('only an outage or a rate limit is transient', () => {
    expect(isTransientProviderError(failure('unavailable'))).toBe(true);
    expect(isTransientProviderError(failure('rate_limited'))).toBe(true);
    for (const kind of ['card_declined', 'invalid_request', 'not_found', 'bad_signature'] as const) {
      expect(isTransientProviderError(failure(kind))).toBe(false);
    }
    expect(isTransientProviderError(new Error('x'))).toBe(false);
  });
});
