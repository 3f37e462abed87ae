import { describe, expect, it } from 'vitest';
import * as shared from './index';

// The names other packages code against (see this package's README). Renaming one
// breaks five other workspaces: this list makes such a rename fail here first.
const RUNTIME_EXPORTS = [
  'money',
  'addMoney',
  'subtractMoney',
  'compareMoney',
  'minMoney',
  'isZero',
  'formatMoney',
  'TIER_IDS',
  'DEFAULT_CATALOG',
  'ORDER_STATUSES',
  'TRANSITION_CAUSES',
  'TRANSITIONS',
  'canTransition',
  'assertTransition',
  'InvalidTransitionError',
  'isTerminal',
  'PAYABLE_STATUSES',
  'REFUND_POLICY_VERSION',
  'computeRefund',
  'assignExpert',
  'ExpertAssignmentError',
  'ERROR_CODES',
  'ERROR_HTTP_STATUS',
  'ZErrorBody',
  'ERROR_MESSAGES_FR',
  'parseApiError',
  'AppError',
  'isObjectId',
  'ZObjectId',
  'ZCreatePaymentIntentRequest',
  'ZCreatePaymentIntentResponse',
  'ZConfirmPaymentRequest',
  'ZConfirmPaymentResponse',
  'ZOrderView',
  'ZOrdersPage',
  'ZOrdersKeysetPage',
  'ZOrdersCursor',
  'ZCancelOrderResponse',
  'ZOrderEvent',
  'ZRegisterRequest',
  'ZLoginRequest',
  'ZAuthResponse',
  'ROLES',
  'ZCatalogResponse',
  'ZUpdateTierRequest',
  'ZExpertPublic',
  'ZExpertsResponse',
  'ZDeskOrdersQuery',
  'ZEndSessionRequest',
  'ZNoShowRequest',
  'ZAvailabilityRequest',
  'ZEarningsResponse',
  'ZAdminRefundRequest',
  'ZAdminOrdersQuery',
  'ZAdminUpdateExpertRequest',
  'ZPaymentsOverview',
] as const;

describe('@lumira/shared public surface', () => {
  it.each(RUNTIME_EXPORTS)('exports %s', (name) => {
    expect(shared[name]).toBeDefined();
  });
});
