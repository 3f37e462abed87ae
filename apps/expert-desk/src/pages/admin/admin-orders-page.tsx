import type { ExpertAdminView } from '@lumira/shared';
import { formatMoney, ORDER_STATUSES, type OrderStatus, orderReference } from '@lumira/shared';
import {
  formatDateTimeShort,
  OrderStatusBadge,
  statusLabel,
  useDocumentTitle,
  useLoad,
} from '@lumira/web-kit';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../../auth/auth-context';
import { ErrorBanner } from '../../components/error-banner';

const FILTER_KEYS = ['status', 'expertId', 'from', 'to', 'q'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

/**
 * All orders, newest first, filtered by status, expert and dates, searchable by the start of an email or
 * an order id. The URL holds the filters and the page's cursor; earlier cursors are kept to go back.
 */
export function AdminOrdersPage() {
  useDocumentTitle('Commandes');
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const cursor = params.get('cursor') ?? '';
  /** cursors of the pages before this one ('' = the first page) */
  const [trail, setTrail] = useState<string[]>([]);
  const [draft, setDraft] = useState<Filters>(filters);
  const [experts, setExperts] = useState<ExpertAdminView[]>([]);
  const queryKey = params.toString();

  useEffect(() => {
    api
      .adminExperts()
      .then(setExperts)
      .catch(() => setExperts([]));
  }, [api]);

  const orders = useLoad(() => {
    const current = new URLSearchParams(queryKey);
    return api.adminOrders({
      status: (current.get('status') || undefined) as OrderStatus | undefined,
      expertId: current.get('expertId') || undefined,
      from: current.get('from') || undefined,
      to: current.get('to') || undefined,
      q: current.get('q') || undefined,
      cursor: current.get('cursor') || undefined,
    });
  }, [api, queryKey]);
  const result = orders.data ?? null;
  const error = orders.message;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) if (draft[key].trim()) next.set(key, draft[key].trim());
    setTrail([]);
    setParams(next);
  };
  const reset = () => {
    setDraft({ status: '', expertId: '', from: '', to: '', q: '' });
    setTrail([]);
    setParams(new URLSearchParams());
  };
  const goTo = (to: string) => {
    const next = new URLSearchParams(params);
    if (to) next.set('cursor', to);
    else next.delete('cursor');
    setParams(next);
  };
  const older = () => {
    if (!result?.nextCursor) return;
    setTrail([...trail, cursor]);
    goTo(result.nextCursor);
  };
  const newer = () => {
    setTrail(trail.slice(0, -1));
    goTo(trail[trail.length - 1] ?? '');
  };
  const set = (key: keyof Filters) => (e: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [key]: e.currentTarget.value });
  const pageNumber = trail.length + 1;

  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Commandes</h1>
      <form className="filters" onSubmit={apply} aria-label="Filtrer les commandes">
        <label className="field field-wide">
          <span>Recherche</span>
          <input
            type="search"
            placeholder="Début de l’e-mail du client ou numéro de commande"
            value={draft.q}
            onChange={set('q')}
            data-testid="orders-search"
          />
        </label>
        <label className="field">
          <span id="filter-status">Statut</span>
          <select value={draft.status} onChange={set('status')} aria-labelledby="filter-status">
            <option value="">Tous</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s, 'staff').label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span id="filter-expert">Expert</span>
          <select value={draft.expertId} onChange={set('expertId')} aria-labelledby="filter-expert">
            <option value="">Tous</option>
            {experts.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Du</span>
          <input type="date" value={draft.from} onChange={set('from')} />
        </label>
        <label className="field">
          <span>Au</span>
          <input type="date" value={draft.to} onChange={set('to')} />
        </label>
        <div className="filters-actions">
          <button type="submit" className="button button-primary">
            Filtrer
          </button>
          <button type="button" className="button button-ghost" onClick={reset}>
            Effacer
          </button>
        </div>
      </form>
      <ErrorBanner message={error} />
      {!result && !error && <p aria-busy="true">Chargement…</p>}
      {result && (
        <>
          <p className="muted" aria-live="polite">
            {result.orders.length === 0
              ? 'Aucune commande'
              : `Commandes ${(pageNumber - 1) * result.pageSize + 1} à ${(pageNumber - 1) * result.pageSize + result.orders.length}, les plus récentes d’abord${result.nextCursor ? ' (il y en a d’autres)' : ''}`}
          </p>
          <div className="table-wrap">
            <table className="table" data-testid="admin-orders">
              <thead>
                <tr>
                  <th scope="col">Commande</th>
                  <th scope="col">Créée le</th>
                  <th scope="col">Client</th>
                  <th scope="col">Consultation</th>
                  <th scope="col">Expert</th>
                  <th scope="col">Statut</th>
                  <th scope="col" className="num">
                    Montant
                  </th>
                  <th scope="col" className="num">
                    Remboursé
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.orders.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/admin/commandes/${o.id}`} title={o.id}>
                        {orderReference(o.id)}
                      </Link>
                    </td>
                    <td>{formatDateTimeShort(o.createdAt)}</td>
                    <td className="cell-email">{o.customerEmail}</td>
                    <td>{o.tier.name}</td>
                    <td>{o.expert.name}</td>
                    <td>
                      <OrderStatusBadge status={o.status} audience="staff" />
                    </td>
                    <td className="num">{formatMoney({ amount: o.amount, currency: o.currency })}</td>
                    <td className="num">
                      {o.refundedAmount > 0
                        ? formatMoney({ amount: o.refundedAmount, currency: o.currency })
                        : '—'}
                    </td>
                  </tr>
                ))}
                {result.orders.length === 0 && (
                  <tr>
                    <td colSpan={8} className="muted">
                      Aucune commande ne correspond à ces critères.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          {(cursor !== '' || result.nextCursor) && (
            <nav className="pager" aria-label="Pagination">
              <button type="button" className="button button-ghost" disabled={cursor === ''} onClick={newer}>
                ← Plus récentes
              </button>
              <span>Page {pageNumber}</span>
              <button
                type="button"
                className="button button-ghost"
                disabled={!result.nextCursor}
                onClick={older}
              >
                Plus anciennes →
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
