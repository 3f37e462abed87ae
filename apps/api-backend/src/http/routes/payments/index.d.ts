import { type RequestHandler, Router } from 'express';
import type { AppContext } from '../../../context';
export declare function createPaymentsRouter(ctx: AppContext): Router;
/** POST /api/payments/webhook with its raw body parser: mount BEFORE express.json(). */
export declare function paymentsWebhookRoute(): [string, ...RequestHandler[]];
