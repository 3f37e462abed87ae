import type { Sandbox } from '../sandbox';
import { newId, nowSeconds } from '../state/ids';

const DISPUTE_EVIDENCE_FIELDS = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_communication',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'customer_signature',
  'duplicate_charge_documentation',
  'duplicate_charge_explanation',
  'duplicate_charge_id',
  'product_description',
  'receipt',
  'refund_policy',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'service_documentation',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_documentation',
  'shipping_tracking_number',
  'uncategorized_file',
  'uncategorized_text',
];

export function openDispute(sandbox: Sandbox, chargeId: string): void {
  const charge = sandbox.store.charges.get(chargeId);
  if (!charge) return;
  const now = nowSeconds();
  const dispute = {
    id: newId('dp'),
    object: 'dispute' as const,
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    evidence: Object.fromEntries(DISPUTE_EVIDENCE_FIELDS.map((k) => [k, null])),
    evidence_details: { due_by: now + 7 * 86400, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false as const,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: 'fraudulent',
    status: 'needs_response',
  };
  sandbox.store.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  sandbox.store.changed();
  sandbox.emit('charge.dispute.created', dispute, { id: null, idempotency_key: null });
}
