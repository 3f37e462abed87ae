/**
 * POST /api/payments/create-payment-intent.
 *
 *   1. The tier comes from `level` / `service` (both name it; if both are given they must agree) and its
 *      price from OUR catalog (the request schema has no price field at all).
 *   2. One transaction of two statements (data/checkout-repository.ts): claim the client's
 *      Idempotency-Key (if any) and read the tier and the experts; assign the expert (pure rule), then
 *      count the customer's unpaid orders, recheck the expert under a FOR SHARE lock of its row (online
 *      and active) and record the order (`pending_payment`, priced snapshot, hashed access token) and its
 *      first history entry. Commit.
 *   3. Only then create the PaymentIntent, with idempotency key `order:<orderId>:pi` and metadata
 *      `{orderId}` only. A webhook can therefore never arrive for an order we have not recorded.
 *   4. A retry with the same Idempotency-Key (and same body) answers the same order and PaymentIntent;
 *      the access token comes back from a copy sealed under that key (see order-access-token.ts).
 * A customer (account, else e-mail) holds at most PENDING_ORDERS_MAX_PER_CUSTOMER unpaid orders at once.
 */
import { createHash } from 'node:crypto';
import {
  AppError,
  assignExpert,
  type CreatePaymentIntentRequest,
  type CreatePaymentIntentResponse,
  type ExpertCandidate,
  isPayable,
  OPEN_ORDER_STATUSES,
  PAYABLE_STATUSES,
  REFUND_POLICY_VERSION,
  type TierId,
} from '@lumira/shared';
import { type CheckoutPlacement, openCheckout, placeCheckoutOrder } from '../../data/checkout-repository';
import { findExpertById } from '../../data/experts-repository';
import { findIdempotencyRecord } from '../../data/idempotency-keys-repository';
import { newId } from '../../data/ids';
import { findOrderById, setPaymentIntentIdIfMissing } from '../../data/orders-repository';
import {
  type GatewayPaymentIntent,
  idempotencyKeys,
  isPaymentGatewayError,
} from '../../providers/payment-gateway';
import type { Order } from '../orders/order';
import { runFaultHook } from './fault-hooks';
import {
  generateOrderAccessToken,
  hashOrderAccessToken,
  hashRequest,
  openSealedToken,
  sealTokenForReplay,
} from './order-access-token';
import type { PaymentsContext } from './payments-context';
import { fromProviderError, isTransientProviderError } from './provider-errors';

export type CreatePaymentIntentInput = {
  body: CreatePaymentIntentRequest;
  userId: string | null;
  /** The client's `Idempotency-Key` header, if any. */
  idempotencyKey: string | null;
  /** The caller's address (scopes a guest's Idempotency-Key). */
  clientIp: string;
};

function hashClient(ip: string): string {
  return createHash('sha256').update(ip).digest('hex').slice(0, 24);
}

type ReplayRecord = { orderId: string; sealedToken: string };

export function resolveTierId(body: Pick<CreatePaymentIntentRequest, 'level' | 'service'>): TierId {
  const { level, service } = body;
  if (level && service && level !== service) {
    throw new AppError('TIER_MISMATCH', `level "${level}" and service "${service}" name different tiers`, {
      level,
      service,
    });
  }
  const tier = level ?? service;
  if (!tier) throw new AppError('VALIDATION_FAILED', 'One of level or service is required');
  return tier;
}

export async function createPaymentIntent(
  ctx: PaymentsContext,
  input: CreatePaymentIntentInput,
): Promise<CreatePaymentIntentResponse> {
  const tierId = resolveTierId(input.body);
  const idemKey = input.idempotencyKey;
  if (idemKey !== null && (idemKey.length < 1 || idemKey.length > 255 || /[^\x21-\x7e]/.test(idemKey))) {
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1-255 visible ASCII characters');
  }
  // Keys are scoped per client: a customer's account, else the guest's address (hashed), so a key
  // replayed by someone else never answers the first client's order and access token.
  const scope = `create-payment-intent:${input.userId ?? `guest:${hashClient(input.clientIp)}`}`;
  const requestHash = hashRequest(scope, input.body);
  const token = generateOrderAccessToken();
  const orderId = newId();

  const customer = { userId: input.userId, email: input.body.customerEmail };
  const created = await ctx.db.transaction().execute(async (trx) => {
    // Round trip 1: the key's claim, the customer's lock, the tier and the experts with their load.
    const opening = await openCheckout(trx, {
      claim:
        idemKey === null
          ? null
          : {
              scope,
              key: idemKey,
              requestHash,
              response: {
                orderId,
                sealedToken: sealTokenForReplay(token, idemKey, requestHash),
              } satisfies ReplayRecord,
            },
      customer,
      tierId,
      openStatuses: OPEN_ORDER_STATUSES,
    });
    if (!opening.claimed && idemKey !== null) {
      const record = await findIdempotencyRecord(trx, scope, idemKey);
      if (!record || record.requestHash !== requestHash) {
        throw new AppError(
          'IDEMPOTENCY_CONFLICT',
          'This Idempotency-Key was already used with a different request',
        );
      }
      return { kind: 'replay' as const, record: record.response as ReplayRecord };
    }
    const { tier } = opening;
    if (!tier) throw new AppError('NOT_FOUND', `Unknown tier ${tierId}`);
    if (!tier.active) throw new AppError('TIER_INACTIVE', `The ${tier.id} tier is not offered at the moment`);
    const requestedExpertId = input.body.expertId ?? null;
    const chosen = assignExpert({ tier: tier.id, requestedExpertId, experts: opening.experts });

    // Round trip 2: the customer's unpaid orders counted under the lock, the chosen expert locked FOR
    // SHARE and rechecked, and only then the order and its first history entry.
    const placed = await placeCheckoutOrder(trx, {
      order: {
        id: orderId,
        tierId: tier.id,
        tierName: tier.name,
        amount: tier.price,
        durationMinutes: tier.durationMinutes,
        refundPolicyVersion: REFUND_POLICY_VERSION,
        customerEmail: input.body.customerEmail,
        customerName: input.body.customerName ?? null,
        userId: input.userId,
        expertId: chosen.id,
        accessTokenHash: hashOrderAccessToken(token),
        status: 'pending_payment',
        expiresAt: new Date(Date.now() + ctx.config.orderExpiryMinutes * 60_000),
      },
      pendingStatuses: PAYABLE_STATUSES,
      pendingLimit: ctx.config.limits.pendingOrdersPerCustomer,
    });
    if (placed.pendingOrders >= ctx.config.limits.pendingOrdersPerCustomer) {
      throw new AppError('RATE_LIMITED', 'Too many unpaid orders: pay or cancel one first', {
        reason: 'pending_orders',
        limit: ctx.config.limits.pendingOrdersPerCustomer,
      });
    }
    if (!placed.order)
      throw expertRefusedUnderLock(tier.id, chosen, placed.expert, requestedExpertId === null);
    await runFaultHook(ctx, 'create-payment-intent.after-order');
    return { kind: 'created' as const, order: placed.order, expertName: chosen.name };
  });

  if (created.kind === 'replay') {
    const order = await findOrderById(ctx.db, created.record.orderId);
    if (!order) throw new AppError('NOT_FOUND', 'Order not found');
    const replayToken = idemKey ? openSealedToken(created.record.sealedToken, idemKey, requestHash) : null;
    if (!replayToken) throw new AppError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key cannot be replayed');
    if (!order.paymentIntentId && !isPayable(order.status)) {
      // Closed (expired) before its PaymentIntent was ever created: never open a payment for it now.
      throw new AppError('CONFLICT', 'This order is closed; start a new order with a new Idempotency-Key');
    }
    const expert = await findExpertById(ctx.db, order.expertId);
    const pi = await ensurePaymentIntent(ctx, order);
    return toResponse(order, pi, replayToken, expert?.name ?? '');
  }
  const pi = await ensurePaymentIntent(ctx, created.order);
  return toResponse(created.order, pi, token, created.expertName);
}

/**
 * Why the order was not written although the chosen expert was eligible when the candidates were read:
 * an availability switch or a deactivation committed since then (the expert's row as locked FOR SHARE
 * says which). One that comes later waits for this transaction, so an order never commits with an
 * offline or inactive expert.
 */
function expertRefusedUnderLock(
  tier: TierId,
  chosen: ExpertCandidate,
  locked: CheckoutPlacement['expert'],
  autoAssigned: boolean,
): AppError {
  if (autoAssigned) return new AppError('NO_EXPERT_AVAILABLE', `No online expert offers ${tier}`, { tier });
  try {
    assignExpert({
      tier,
      requestedExpertId: chosen.id,
      experts: locked ? [{ ...locked, openOrders: chosen.openOrders }] : [],
    });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  return new AppError('CONFLICT', `Expert ${chosen.id} could not take the order; try again`);
}

/** Creates (or, same idempotency key, re-obtains) the order's PaymentIntent and stores its id. */
async function ensurePaymentIntent(ctx: PaymentsContext, order: Order): Promise<GatewayPaymentIntent> {
  let pi: GatewayPaymentIntent;
  try {
    pi = order.paymentIntentId
      ? await ctx.gateway.retrievePaymentIntent(order.paymentIntentId)
      : await ctx.gateway.createPaymentIntent({
          orderId: order.id,
          amount: order.amount,
          idempotencyKey: idempotencyKeys.createPaymentIntent(order.id),
          description: `Lumira order ${order.id}`,
        });
  } catch (error) {
    if (isPaymentGatewayError(error) && !isTransientProviderError(error)) {
      ctx.logger.error(
        { orderId: order.id, kind: error.kind, code: error.providerCode },
        'PaymentIntent creation refused',
      );
    }
    throw fromProviderError(error);
  }
  if (!order.paymentIntentId) await setPaymentIntentIdIfMissing(ctx.db, order.id, pi.id);
  return pi;
}

function toResponse(
  order: Order,
  pi: GatewayPaymentIntent,
  token: string,
  expertName: string,
): CreatePaymentIntentResponse {
  if (!pi.clientSecret)
    throw new AppError('PAYMENT_PROVIDER_ERROR', 'The payment service returned no client secret');
  return {
    clientSecret: pi.clientSecret,
    orderId: order.id,
    orderAccessToken: token,
    amount: order.amount.amount,
    currency: order.amount.currency,
    expert: { id: order.expertId, name: expertName },
    tier: { id: order.tierId, name: order.tierName, durationMinutes: order.durationMinutes },
  };
}
