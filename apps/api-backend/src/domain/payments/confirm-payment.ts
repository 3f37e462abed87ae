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
import type { PaymentsContext } from './payments-context';
import { callProvider } from './provider-errors';
import { settlePaymentIntent } from './settle-payment-intent';

export async function confirmPayment(
  ctx: PaymentsContext,
  input: { paymentIntentId: string },
): Promise<ConfirmPaymentResponse> {
  let orderId = await findOrderIdByPaymentIntentId(ctx.db, input.paymentIntentId);
  if (!orderId) {
    // Not linked yet (a crash between creation and storing the id): the PaymentIntent's metadata says.
    const pi = await callProvider('client_reference', () =>
      ctx.gateway.retrievePaymentIntent(input.paymentIntentId),
    );
    orderId = pi.orderId;
    if (!orderId) throw new AppError('NOT_FOUND', 'Payment not found');
  }
  // The client named this PaymentIntent: a provider that does not know it means "not found".
  const result = await callProvider('client_reference', () =>
    settlePaymentIntent(ctx, {
      paymentIntentId: input.paymentIntentId,
      orderIdHint: orderId,
      source: { kind: 'confirm' },
    }),
  );
  if (result.kind !== 'settled') throw new AppError('INTERNAL_ERROR');
  return { orderId: result.order.id, status: result.order.status };
}
