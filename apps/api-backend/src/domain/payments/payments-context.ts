/**
 * What the payments use cases need from the application context (a structural subset of AppContext).
 */
import type { Config } from '../../config';
import type { Db } from '../../data/db';
import type { OrderNotifier } from '../../data/order-notifier';
import type { Logger } from '../../observability/logger';
import type { Metrics } from '../../observability/metrics';
import type { PaymentGateway } from '../../providers/payment-gateway';

export type PaymentsContext = {
  config: Pick<
    Config,
    | 'orderExpiryMinutes'
    | 'reconcileIntervalSeconds'
    | 'reconcileOnStart'
    | 'reconcileBatchSize'
    | 'reconcileConcurrency'
    | 'limits'
  >;
  db: Db;
  logger: Logger;
  metrics: Metrics;
  gateway: PaymentGateway;
  notifier: OrderNotifier;
};
