import type { AdminOrderView } from '@lumira/shared';
import { formatMoney } from '@lumira/shared';
import { formatCentsAsEuroText, parseEuroText, useAction } from '@lumira/web-kit';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useApi } from '../../auth/auth-context';
import { ConfirmBox } from '../../components/confirm-box';
import { ErrorBanner } from '../../components/error-banner';
import { proposeRefund, REFUND_REASON_LABELS } from '../../lib/refund-proposal';

function proposalText(cents: number): string {
  return cents > 0 ? formatCentsAsEuroText(cents) : '';
}

type PendingRefund = { amount: number; reason: string };

/**
 * Refund: prefilled with what the order's refund policy gives, editable, never above the cap. Money
 * moves only after a second step that restates the amount in euros next to what the policy gives.
 */
export function RefundForm(props: { order: AdminOrderView; onDone(): void }) {
  const { order } = props;
  const api = useApi();
  const action = useAction();
  const proposal = useMemo(() => proposeRefund(order, new Date()), [order]);
  const [amountText, setAmountText] = useState(proposalText(proposal.amount));
  const [reason, setReason] = useState(proposal.reason ? REFUND_REASON_LABELS[proposal.reason] : '');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingRefund | null>(null);

  // a new proposal (after a refund, or a live update that changes it) restarts the form; other live
  // updates of the order leave what the admin is typing alone
  useEffect(() => {
    setAmountText(proposalText(proposal.amount));
    setReason(proposal.reason ? REFUND_REASON_LABELS[proposal.reason] : '');
    setPending(null);
  }, [proposal.amount, proposal.reason]);

  const eur = (amount: number) => formatMoney({ amount, currency: order.currency });

  if (proposal.cap === 0) {
    return (
      <p className="muted">Rien à rembourser : le montant payé est déjà entièrement remboursé ou en cours.</p>
    );
  }

  // first step: check the fields, then ask to confirm (nothing is sent yet)
  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const parsed = parseEuroText(amountText);
    if (!parsed.ok) return setFieldError(parsed.error);
    if (parsed.cents <= 0) return setFieldError('Le montant doit être supérieur à 0,00 €.');
    if (parsed.cents > proposal.cap) return setFieldError(`Maximum remboursable : ${eur(proposal.cap)}.`);
    if (!reason.trim()) return setFieldError('Indiquez le motif du remboursement.');
    setFieldError(null);
    setPending({ amount: parsed.cents, reason: reason.trim() });
  }

  async function confirm() {
    if (!pending) return;
    const chosen = pending;
    const result = await action.run(() => api.refundOrder(order.id, chosen));
    setPending(null);
    if (result !== undefined) {
      setDone(`Remboursement de ${eur(chosen.amount)} demandé.`);
      props.onDone();
    }
  }

  // what the policy gives, next to the amount about to be refunded
  const policyReason = proposal.reason ? REFUND_REASON_LABELS[proposal.reason] : null;
  const because = policyReason ? ` pour le motif « ${policyReason} »` : '';
  const policyLine = (amount: number) =>
    proposal.amount === 0
      ? 'La politique de remboursement ne prévoit rien pour cette commande : ce remboursement est un geste à votre discrétion.'
      : amount === proposal.amount
        ? `C’est le montant prévu par la politique de remboursement${because}.`
        : `La politique de remboursement prévoit ${eur(proposal.amount)}${because} ; vous remboursez ${amount > proposal.amount ? 'plus' : 'moins'}.`;

  return (
    <form className="refund-form" onSubmit={submit} aria-labelledby="refund-title" noValidate>
      <h2 id="refund-title">Rembourser</h2>
      {proposal.amount > 0 ? (
        <p className="muted">
          Proposition selon la politique de remboursement{because} :{' '}
          <strong data-testid="refund-proposal">{eur(proposal.amount)}</strong>. Maximum remboursable :{' '}
          <strong data-testid="refund-cap">{eur(proposal.cap)}</strong>.
        </p>
      ) : (
        <p className="muted">
          La politique de remboursement ne prévoit rien (de plus) pour cette commande. Vous pouvez saisir un
          montant à votre discrétion, au maximum <strong data-testid="refund-cap">{eur(proposal.cap)}</strong>
          .
        </p>
      )}
      <ErrorBanner message={action.error} />
      {done && (
        <p className="banner banner-success" role="status">
          {done}
        </p>
      )}
      <div className="form-row">
        <label className="field">
          <span>Montant (€)</span>
          <input
            type="text"
            inputMode="decimal"
            value={amountText}
            onChange={(e) => {
              setAmountText(e.currentTarget.value);
              setPending(null);
            }}
            aria-invalid={fieldError !== null}
            aria-describedby="refund-field-error"
            data-testid="refund-amount"
          />
        </label>
        <label className="field field-wide">
          <span>Motif</span>
          <input
            type="text"
            value={reason}
            maxLength={500}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setPending(null);
            }}
            data-testid="refund-reason"
          />
        </label>
      </div>
      <p id="refund-field-error" className="field-error" role={fieldError ? 'alert' : undefined}>
        {fieldError}
      </p>
      <ConfirmBox
        open={pending !== null}
        ask={{ label: 'Rembourser…', testId: 'refund-submit' }}
        title={
          <>
            Rembourser <span data-testid="refund-confirm-amount">{eur(pending?.amount ?? 0)}</span> au client
            ?
          </>
        }
        confirm={{
          label: 'Confirmer le remboursement',
          testId: 'refund-confirm',
          onClick: () => void confirm(),
        }}
        cancel={{ label: 'Annuler', testId: 'refund-cancel', onClick: () => setPending(null) }}
        busy={action.busy}
        testId="refund-confirmation"
      >
        <p data-testid="refund-confirm-policy">{policyLine(pending?.amount ?? 0)}</p>
        <p className="muted">
          {pending && pending.reason !== policyReason ? `Motif indiqué : ${pending.reason}. ` : ''}Le montant
          part vers la carte du client ; cette opération ne peut pas être annulée.
        </p>
      </ConfirmBox>
    </form>
  );
}
