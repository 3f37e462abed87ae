/**
 * The e-mail outbox for admins: counts per status, the failed (default) or pending e-mails with their
 * last error, and "Renvoyer" on a failed one (requeued once however often it is clicked; audited).
 */
import type { AdminEmailView, MailStatus, RequeueOutcome } from '@lumira/shared';
import { formatDateTimeShort, useAction, useDocumentTitle, useLoad } from '@lumira/web-kit';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../auth/auth-context';
import { ErrorBanner } from '../../components/error-banner';

export const MAIL_KIND_LABELS: Record<string, string> = {
  order_confirmation: 'Confirmation de commande',
  order_receipt: 'Reçu et facture',
  session_started: 'Votre expert vous attend',
  refund_notice: 'Remboursement et avoir',
  email_verification: 'Vérification d’adresse',
  password_reset: 'Mot de passe oublié',
  registration_attempt: 'Tentative d’inscription',
};

const STATUS_LABELS: Record<MailStatus, string> = { failed: 'Échec', pending: 'En attente', sent: 'Envoyé' };

const OUTCOME_COPY: Record<RequeueOutcome, string> = {
  requeued: 'Remis en file d’envoi.',
  already_queued: 'Déjà en file d’envoi : rien de plus à faire.',
  already_sent: 'Déjà envoyé : rien de plus à faire.',
};

function statusNote(mail: AdminEmailView): string {
  if (mail.status === 'sent') return `envoyé le ${formatDateTimeShort(mail.sentAt)}`;
  if (mail.status === 'failed') return 'abandonné après les tentatives prévues';
  if (mail.sendingUntil) return 'envoi en cours';
  return `prochain essai ${formatDateTimeShort(mail.nextAttemptAt)}`;
}

export function EmailsPage() {
  useDocumentTitle('E-mails');
  const api = useApi();
  const [status, setStatus] = useState<MailStatus>('failed');
  const [notice, setNotice] = useState<string | null>(null);
  const retry = useAction();
  const fetchData = useCallback(() => api.adminEmails({ status, limit: 200 }), [api, status]);
  const { data, message, reload } = useLoad(fetchData, [fetchData]);

  const resend = async (mail: AdminEmailView) => {
    setNotice(null);
    const result = await retry.run(() => api.retryEmail(mail.id));
    if (result) {
      setNotice(OUTCOME_COPY[result.outcome]);
      await reload();
    }
  };

  return (
    <section aria-labelledby="emails-title">
      <h1 id="emails-title">E-mails</h1>
      <ErrorBanner message={message} onRetry={() => void reload()} />
      <ErrorBanner message={retry.error} />
      {notice && (
        <p className="banner" role="status">
          {notice}
        </p>
      )}
      {data && (
        <div className="stats" data-testid="email-counts">
          {(['failed', 'pending', 'sent'] as const).map((s) => (
            <div className="stat" key={s}>
              <span className="stat-label">{STATUS_LABELS[s]}</span>
              <span className="stat-value">{data.counts[s]}</span>
            </div>
          ))}
        </div>
      )}
      <label className="field">
        <span>Afficher</span>
        <select
          value={status}
          onChange={(e) => setStatus(e.target.value as MailStatus)}
          data-testid="email-status-filter"
        >
          <option value="failed">Les échecs</option>
          <option value="pending">En attente d’envoi</option>
          <option value="sent">Envoyés</option>
        </select>
      </label>
      {!data && !message && <p aria-busy="true">Chargement…</p>}
      {data && data.emails.length === 0 && (
        <p className="muted">Aucun e-mail {STATUS_LABELS[status].toLowerCase()} pour le moment.</p>
      )}
      {data && data.emails.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="emails-table">
            <thead>
              <tr>
                <th scope="col">Créé le</th>
                <th scope="col">E-mail</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Commande</th>
                <th scope="col">État</th>
                <th scope="col">Tentatives</th>
                <th scope="col">Dernière erreur</th>
                <th scope="col">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.emails.map((mail) => (
                <tr key={mail.id} data-testid="email-row" data-email-id={mail.id} data-status={mail.status}>
                  <td>{formatDateTimeShort(mail.createdAt)}</td>
                  <td>{MAIL_KIND_LABELS[mail.kind] ?? mail.kind}</td>
                  <td>{mail.recipient}</td>
                  <td>
                    {mail.orderId ? <Link to={`/admin/commandes/${mail.orderId}`}>{mail.orderId}</Link> : '—'}
                  </td>
                  <td>
                    {STATUS_LABELS[mail.status]} <span className="muted">({statusNote(mail)})</span>
                    {mail.adminActions.length > 0 && (
                      <span className="muted">
                        {' '}
                        · renvoi demandé le {formatDateTimeShort(mail.adminActions.at(-1)!.at)}
                      </span>
                    )}
                  </td>
                  <td>{mail.attempts}</td>
                  <td>{mail.lastError ?? '—'}</td>
                  <td>
                    {mail.status === 'failed' && (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={retry.busy}
                        onClick={() => void resend(mail)}
                        data-testid="email-retry"
                      >
                        Renvoyer
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
