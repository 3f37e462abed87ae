/**
 * POST /api/payments/webhook.
 *
 *   1. Verify the signature on the RAW body before anything else (forged / stale -> 400).
 *   2. Re-read the object from the provider and settle in ONE transaction with the inbox insert
 *      (settlePaymentIntent / settleRefundEvent): a duplicate answers 200 with no effect, a failure rolls
 *      everything back (non-2xx: the provider redelivers).
 *   3. Unknown types and objects that are not ours (no orderId in metadata) are recorded and answered 200.
 *   4. An event for an order not visible yet answers 503 (WEBHOOK_ORDER_NOT_VISIBLE): the provider retries.
 */
import { AppError, isOneOf } from '@lumira/shared';
import { recordPaymentEvent } from '../../data/payment-events-repository';
import type { GatewayEvent } from '../../providers/payment-gateway';
import { settleChargeRefunds, settleRefundEvent } from '../refunds/settle-refund';
import type { PaymentsContext } from './payments-context';
import { fromProviderError } from './provider-errors';
import { settlePaymentIntent } from './settle-payment-intent';

export const HANDLED_PAYMENT_INTENT_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.requires_action',
  'payment_intent.processing',
] as const;
export const HANDLED_REFUND_EVENTS = ['refund.created', 'refund.updated', 'refund.failed'] as const;
const isHandledPaymentIntentEvent = isOneOf(HANDLED_PAYMENT_INTENT_EVENTS);
const isHandledRefundEvent = isOneOf(HANDLED_REFUND_EVENTS);

export type WebhookResult = { received: true; outcome: 'processed' | 'duplicate' | 'ignored' };

export async function handleWebhook(
  ctx: PaymentsContext,
  input: { rawBody: Buffer | string | undefined; signature: string | undefined },
): Promise<WebhookResult> {
  let event: GatewayEvent;
  try {
    event = ctx.gateway.verifyWebhook(input.rawBody ?? '', input.signature);
  } catch (error) {
    throw fromProviderError(error, 'webhook_verification');
  }
  ctx.metrics.webhookLag.observe(
    { type: event.type },
    Math.max(0, (Date.now() - event.createdAt.getTime()) / 1000),
  );

  let outcome: WebhookResult['outcome'];
  try {
    outcome = await dispatch(ctx, event);
  } catch (error) {
    const retryLater = error instanceof AppError && error.code === 'WEBHOOK_ORDER_NOT_VISIBLE';
    ctx.metrics.webhookEvents.inc({ type: event.type, outcome: retryLater ? 'retry_later' : 'failed' });
    if (!retryLater)
      ctx.logger.error({ eventId: event.id, type: event.type, err: error }, 'webhook processing failed');
    throw fromProviderError(error, 'webhook_processing');
  }
  if (outcome === 'duplicate') ctx.metrics.webhookDuplicates.inc({ type: event.type });
  ctx.metrics.webhookEvents.inc({ type: event.type, outcome });
  return { received: true, outcome };
}

/**
 * Each settle function checks the inbox once before its provider call (a redelivery costs no provider
 * call) and decides in its transaction's inbox insert; an ignored event is one insert, whose conflict
 * is the duplicate answer. So no pre-check here: it would be a second round trip for the same answer.
 */
async function dispatch(ctx: PaymentsContext, event: GatewayEvent): Promise<WebhookResult['outcome']> {
  const { object } = event;

  if (isHandledPaymentIntentEvent(event.type) && object.kind === 'payment_intent') {
    if (!object.orderId) return recordIgnored(ctx, event, object.paymentIntentId);
    const result = await settlePaymentIntent(ctx, {
      paymentIntentId: object.paymentIntentId,
      orderIdHint: object.orderId,
      source: { kind: 'webhook', event },
    });
    return result.kind === 'duplicate' ? 'duplicate' : 'processed';
  }
  if (isHandledRefundEvent(event.type) && object.kind === 'refund') {
    if (!object.refundId) return recordIgnored(ctx, event, object.providerRefundId);
    const result = await settleRefundEvent(ctx, {
      providerRefundId: object.providerRefundId,
      refundIdHint: object.refundId,
      event,
    });
    return result;
  }
  if (event.type === 'charge.refunded' && object.kind === 'charge' && object.paymentIntentId) {
    return settleChargeRefunds(ctx, { paymentIntentId: object.paymentIntentId, event });
  }
  const objectId =
    object.kind === 'payment_intent'
      ? object.paymentIntentId
      : object.kind === 'refund'
        ? object.providerRefundId
        : object.kind === 'charge'
          ? object.chargeId
          : null;
  return recordIgnored(ctx, event, objectId);
}

async function recordIgnored(
  ctx: PaymentsContext,
  event: GatewayEvent,
  objectId: string | null,
): Promise<WebhookResult['outcome']> {
  const isNew = await recordPaymentEvent(ctx.db, { id: event.id, type: event.type, objectId, orderId: null });
  return isNew ? 'ignored' : 'duplicate';
}
