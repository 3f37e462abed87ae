import { newId, nowSeconds } from '../state/ids';
import { API_VERSION, type StripeEvent } from '../state/objects';

/** What triggered an event: the API request (id + idempotency key) or nothing (asynchronous change). */
export interface EventRequest {
  id: string | null;
  idempotency_key: string | null;
}

export const NO_REQUEST: EventRequest = { id: null, idempotency_key: null };

/** Builds a Stripe event around a SNAPSHOT of the object (later changes do not leak into it). */
export function buildEvent(
  type: string,
  object: object,
  request: EventRequest,
  pendingWebhooks: number,
  previousAttributes?: Record<string, unknown>,
): StripeEvent {
  const data: StripeEvent['data'] = { object: structuredClone(object) as Record<string, unknown> };
  if (previousAttributes) data.previous_attributes = previousAttributes;
  return {
    id: newId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: nowSeconds(),
    data,
    livemode: false,
    pending_webhooks: pendingWebhooks,
    request: { id: request.id, idempotency_key: request.idempotency_key },
    type,
  };
}
