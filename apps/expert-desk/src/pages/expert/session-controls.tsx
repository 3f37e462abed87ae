import { formatMoney, type OrderView } from '@lumira/shared';
import { useAction } from '@lumira/web-kit';
import { type FormEvent, useState } from 'react';
import { useApi } from '../../auth/auth-context';
import { ConfirmBox } from '../../components/confirm-box';
import { ErrorBanner } from '../../components/error-banner';
import { interruptionRefundPreview, noShowRefundPreview } from '../../lib/refund-proposal';

type EndReason = 'completed' | 'interrupted';

/** Start, end (completed / interrupted, with notes) or mark a no-show, depending on the status. */
export function SessionControls(props: { order: OrderView; onChanged(order: OrderView): void }) {
  const { order, onChanged } = props;
  const api = useApi();
  const action = useAction();
  const [reason, setReason] = useState<EndReason>('completed');
  const [notes, setNotes] = useState('');
  const [confirmNoShow, setConfirmNoShow] = useState<'customer' | 'expert' | null>(null);

  const apply = async (call: () => Promise<OrderView>) => {
    const updated = await action.run(call);
    if (updated) onChanged(updated);
  };

  // Ending is confirmed first, with the refund the policy will propose (money is never moved on one click).
  const [confirmEnd, setConfirmEnd] = useState<{ reason: EndReason; refund: number } | null>(null);
  const end = (event: FormEvent) => {
    event.preventDefault();
    setConfirmEnd({
      reason,
      refund: reason === 'interrupted' ? interruptionRefundPreview(order, new Date()) : 0,
    });
  };
  const confirmEndSession = () => {
    if (!confirmEnd) return;
    setConfirmEnd(null);
    const trimmed = notes.trim();
    const chosen = confirmEnd.reason;
    void apply(() =>
      api.endSession(order.id, trimmed ? { reason: chosen, notes: trimmed } : { reason: chosen }),
    );
  };
  const eur = (amount: number) => formatMoney({ amount, currency: order.currency });

  const noShowRefund = confirmNoShow ? noShowRefundPreview(order, confirmNoShow, new Date()) : 0;
  const noShow = (who: 'customer' | 'expert') => {
    setConfirmNoShow(null);
    void apply(() => api.markNoShow(order.id, { who }));
  };

  const noShowButtons = (
    <div className="no-show">
      {confirmNoShow ? (
        <ConfirmBox
          title={
            confirmNoShow === 'customer'
              ? 'Confirmer que le client ne s’est pas présenté ?'
              : 'Confirmer que vous ne pouvez pas assurer cette séance ?'
          }
          open
          confirm={{ label: 'Confirmer', testId: 'confirm-no-show', onClick: () => noShow(confirmNoShow) }}
          cancel={{ label: 'Annuler', onClick: () => setConfirmNoShow(null) }}
          busy={action.busy}
          testId="no-show-confirmation"
        >
          <p data-testid="no-show-refund">
            {noShowRefund > 0
              ? `Le client sera remboursé de ${eur(noShowRefund)}${noShowRefund >= order.amount - order.refundedAmount ? ' (intégralement)' : ''}.`
              : 'La politique de remboursement ne prévoit aucun remboursement dans ce cas.'}
          </p>
        </ConfirmBox>
      ) : (
        <>
          <button
            type="button"
            className="button button-ghost"
            onClick={() => setConfirmNoShow('customer')}
            disabled={action.busy}
            data-testid="no-show-customer"
          >
            Client absent
          </button>
          {order.status === 'paid' && (
            <button
              type="button"
              className="button button-ghost"
              onClick={() => setConfirmNoShow('expert')}
              disabled={action.busy}
              data-testid="no-show-expert"
            >
              Je ne peux pas assurer la séance
            </button>
          )}
        </>
      )}
    </div>
  );

  if (order.status === 'paid') {
    return (
      <div className="controls">
        <h2>Séance</h2>
        <p className="muted">Démarrez la séance lorsque le client est présent.</p>
        <ErrorBanner message={action.error} />
        <button
          type="button"
          className="button button-primary button-large"
          onClick={() => void apply(() => api.startSession(order.id))}
          disabled={action.busy}
          data-testid="start-session"
        >
          Démarrer la séance
        </button>
        {noShowButtons}
      </div>
    );
  }

  if (order.status === 'in_session') {
    return (
      <form className="controls" onSubmit={end} aria-label="Terminer la séance">
        <ErrorBanner message={action.error} />
        <fieldset className="radio-group">
          <legend>Fin de séance</legend>
          <label>
            <input
              type="radio"
              name="end-reason"
              value="completed"
              checked={reason === 'completed'}
              onChange={() => setReason('completed')}
            />
            Séance terminée normalement
          </label>
          <label>
            <input
              type="radio"
              name="end-reason"
              value="interrupted"
              checked={reason === 'interrupted'}
              onChange={() => setReason('interrupted')}
              data-testid="end-interrupted"
            />
            Séance interrompue (remboursement au prorata possible)
          </label>
        </fieldset>
        <label className="field">
          <span>Notes (facultatif)</span>
          <textarea
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            rows={3}
            maxLength={2000}
            placeholder="Ex. : coupure de connexion du client après 20 minutes"
            data-testid="end-notes"
          />
        </label>
        <ConfirmBox
          open={confirmEnd !== null}
          ask={{ label: 'Terminer la séance', testId: 'end-session' }}
          title={
            confirmEnd?.reason === 'interrupted'
              ? 'Terminer la séance comme interrompue ?'
              : 'Terminer la séance ?'
          }
          confirm={{
            label: 'Confirmer la fin de séance',
            testId: 'confirm-end-session',
            onClick: confirmEndSession,
          }}
          cancel={{ label: 'Annuler', onClick: () => setConfirmEnd(null) }}
          busy={action.busy}
          testId="end-confirmation"
        >
          <p>
            {confirmEnd?.reason === 'interrupted'
              ? confirmEnd.refund > 0
                ? `Remboursement proposé au client : ${eur(confirmEnd.refund)} (les minutes non utilisées, au prorata). L’administration le verse après vérification.`
                : 'Aucun remboursement ne sera proposé : la durée prévue est entièrement utilisée.'
              : 'La séance sera close pour vous et le client ; aucun remboursement n’est prévu.'}
          </p>
        </ConfirmBox>
        {noShowButtons}
      </form>
    );
  }

  return (
    <div className="controls">
      <h2>Séance</h2>
      <p className="muted">Aucune action possible pour cette commande.</p>
    </div>
  );
}
