/**
 * POST /api/payments/confirm-payment {paymentIntentId}: the browser return path.
 *
 * It changes nothing on its own authority: it re-reads the PaymentIntent from the provider and settles
 * the order through the SAME function as the webhook (`settlePaymentIntent`). Anyone holding a
 * PaymentIntent id may therefore call it (the answer is only the order id and its status, and the
 * worst it can do is apply the provider's truth early). See docs/decisions/0011.
 */
import { AppError, type ConfirmPaymentResponse } from '@lumira/shared';
import { findOrderIdByPaymentIntentId } from '../../data/orders-repository';
import { isPaymentGatewayError } from '../../providers/payment-gateway';
import type { PaymentsContext } from './payments-context';
import { settlePaymentIntent } from './settle-payment-intent';

export async function confirmPayment(
  ctx: PaymentsContext,
  input: { paymentIntentId: string },
): Promise<ConfirmPaymentResponse> {
  let orderId = await findOrderIdByPaymentIntentId(ctx.db, input.paymentIntentId);
  if (!orderId) {
    // Not linked yet (a crash between creation and storing the id): the PaymentIntent's metadata says.
    try {
      orderId = (await ctx.gateway.retrievePaymentIntent(input.paymentIntentId)).orderId;
    } catch (error) {
      if (isPaymentGatewayError(error, 'not_found') || isPaymentGatewayError(error, 'invalid_request')) {
        throw new AppError('NOT_FOUND', 'Payment not found');
      }
      throw translateProviderError(error);
    }
    if (!orderId) throw new AppError('NOT_FOUND', 'Payment not found');
  }
  try {
    const result = await settlePaymentIntent(ctx, {
      paymentIntentId: input.paymentIntentId,
      orderIdHint: orderId,
      source: { kind: 'confirm' },
    });
    if (result.kind !== 'settled') throw new AppError('INTERNAL_ERROR');
    return { orderId: result.order.id, status: result.order.status };
  } catch (error) {
    throw translateProviderError(error);
  }
}

/** Provider failures seen by a customer-facing use case. */
export function translateProviderError(error: unknown): unknown {
  if (isPaymentGatewayError(error, 'unavailable') || isPaymentGatewayError(error, 'rate_limited')) {
    return new AppError('PAYMENT_PROVIDER_UNAVAILABLE', 'The payment service is unavailable; retry shortly');
  }
  if (isPaymentGatewayError(error, 'not_found')) return new AppError('NOT_FOUND', 'Payment not found');
  if (isPaymentGatewayError(error))
    return new AppError('PAYMENT_PROVIDER_ERROR', 'The payment service refused the request');
  return error;
}
