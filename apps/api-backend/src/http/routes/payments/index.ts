/**
 * /api/payments: checkout, the browser return path, order reads, cancellation, live updates.
 * (The webhook, which needs the raw body, is mounted separately by app.ts via `paymentsWebhookRoute`.)
 */
import { ZConfirmPaymentRequest, ZCreatePaymentIntentRequest, ZObjectId, ZOrdersQuery } from '@lumira/shared';
import express, { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../context';
import { optionalAuth, requireAuth } from '../../auth';
import { sseAuth } from '../../sse';
import { validate } from '../../validate';
import { getMyOrders } from './get-my-orders';
import { getOrder } from './get-order';
import { getOrderDocumentPdfHandler } from './get-order-document-pdf';
import { getOrderDocuments } from './get-order-documents';
import { getOrderEvents } from './get-order-events';
import { postCancelOrder } from './post-cancel-order';
import { postConfirmPayment } from './post-confirm-payment';
import { postCreatePaymentIntent } from './post-create-payment-intent';
import { postWebhook } from './post-webhook';

const ZOrderParams = z.strictObject({ orderId: ZObjectId });
const ZDocumentParams = z.strictObject({
  orderId: ZObjectId,
  reference: z.string().regex(/^(F|AV)-\d{4}-\d{6}$/),
});
const ZOrderTokenQuery = z.strictObject({ token: z.string().max(200).optional() });
const ZOrderEventsQuery = z.strictObject({
  token: z.string().max(200).optional(),
  access_token: z.string().max(4000).optional(),
});
/** Cancel takes no input: an absent body or `{}` only. */
const ZEmptyBody = z.strictObject({}).optional();

export function createPaymentsRouter(ctx: AppContext): Router {
  const router = Router();
  router.post(
    '/create-payment-intent',
    ctx.rateLimiters.strict('create-payment-intent'),
    optionalAuth,
    validate(ZCreatePaymentIntentRequest),
    postCreatePaymentIntent,
  );
  router.post(
    '/confirm-payment',
    ctx.rateLimiters.strict('confirm-payment'),
    validate(ZConfirmPaymentRequest),
    postConfirmPayment,
  );
  router.get('/orders', requireAuth(), validate(ZOrdersQuery, 'query'), getMyOrders);
  router.get(
    '/order/:orderId',
    optionalAuth,
    validate(ZOrderParams, 'params'),
    validate(ZOrderTokenQuery, 'query'),
    getOrder,
  );
  router.get(
    '/order/:orderId/documents',
    optionalAuth,
    validate(ZOrderParams, 'params'),
    validate(ZOrderTokenQuery, 'query'),
    getOrderDocuments,
  );
  router.get(
    '/order/:orderId/documents/:reference',
    optionalAuth,
    validate(ZDocumentParams, 'params'),
    validate(ZOrderTokenQuery, 'query'),
    getOrderDocumentPdfHandler,
  );
  router.get(
    '/order/:orderId/events',
    sseAuth,
    validate(ZOrderParams, 'params'),
    validate(ZOrderEventsQuery, 'query'),
    getOrderEvents,
  );
  router.post(
    '/order/:orderId/cancel',
    optionalAuth,
    validate(ZOrderParams, 'params'),
    validate(ZOrderTokenQuery, 'query'),
    validate(ZEmptyBody),
    postCancelOrder,
  );
  return router;
}

/** POST /api/payments/webhook with its raw body parser: mount BEFORE express.json(). */
export function paymentsWebhookRoute(): [string, ...RequestHandler[]] {
  return ['/api/payments/webhook', express.raw({ type: () => true, limit: '1mb' }), postWebhook];
}
