import { describe, expect, it } from 'vitest';
import { FAULT_NAMES, parseFaultList } from './faults';
import { type ForeignPaymentIntent, foreignPaymentIntentProblems } from './invariants';

const ORDER = 'a'.repeat(24);
const foreign: ForeignPaymentIntent[] = [
  { id: 'pi_low', orderId: ORDER, expected: 'amount_mismatch' },
  { id: 'pi_other', orderId: ORDER, expected: 'foreign_payment_intent' },
];
const healthy = {
  foreign,
  orders: [{ id: ORDER, payment_intent_id: 'pi_own', status: 'paid' }],
  anomalies: [
    { payment_intent_id: 'pi_low', order_id: ORDER, reason: 'amount_mismatch' },
    { payment_intent_id: 'pi_other', order_id: ORDER, reason: 'foreign_payment_intent' },
  ],
  paymentIntents: [
    { id: 'pi_own', status: 'succeeded', amount_received: 14900 },
    { id: 'pi_low', status: 'succeeded', amount_received: 50 },
    { id: 'pi_other', status: 'succeeded', amount_received: 14900 },
  ],
  providerRefunds: [
    { payment_intent: 'pi_low', status: 'succeeded', amount: 50 },
    { payment_intent: 'pi_other', status: 'succeeded', amount: 14900 },
  ],
};

describe('the foreign PaymentIntent invariant', () => {
  it('holds when every foreign PaymentIntent is an anomaly of its order, refunded in full, on no order', () => {
    expect(foreignPaymentIntentProblems(healthy)).toEqual([]);
  });

  it('fails when a foreign PaymentIntent paid the order', () => {
    const problems = foreignPaymentIntentProblems({
      ...healthy,
      orders: [{ id: ORDER, payment_intent_id: 'pi_low', status: 'paid' }],
    });
    expect(problems).toEqual([`order ${ORDER} (paid) holds foreign PaymentIntent pi_low`]);
  });

  it('fails when one was never recorded, recorded with the wrong reason, or not refunded in full', () => {
    expect(foreignPaymentIntentProblems({ ...healthy, anomalies: healthy.anomalies.slice(1) })).toEqual([
      'pi_low: not recorded as an anomaly',
    ]);
    expect(
      foreignPaymentIntentProblems({
        ...healthy,
        anomalies: [healthy.anomalies[0]!, { ...healthy.anomalies[1]!, reason: 'amount_mismatch' }],
      }),
    ).toHaveLength(1);
    expect(
      foreignPaymentIntentProblems({
        ...healthy,
        providerRefunds: [
          healthy.providerRefunds[0]!,
          { payment_intent: 'pi_other', status: 'pending', amount: 14900 },
        ],
      }),
    ).toEqual(['pi_other: took 14900, refunded 0']);
  });

  it('does not ask a refund of a foreign PaymentIntent that took no money', () => {
    expect(
      foreignPaymentIntentProblems({
        ...healthy,
        paymentIntents: healthy.paymentIntents.map((p) =>
          p.id === 'pi_low' ? { ...p, status: 'requires_payment_method', amount_received: 0 } : p,
        ),
        providerRefunds: healthy.providerRefunds.slice(1),
      }),
    ).toEqual([]);
  });
});

describe('--faults', () => {
  it('reads all, none and lists, and refuses an unknown fault', () => {
    expect([...parseFaultList('all')]).toEqual([...FAULT_NAMES]);
    expect(parseFaultList('none').size).toBe(0);
    expect([...parseFaultList('pg-restart, foreign-pi')]).toEqual(['pg-restart', 'foreign-pi']);
    expect(() => parseFaultList('db-terminate,reboot')).toThrow(/unknown fault "reboot"/);
  });
});
