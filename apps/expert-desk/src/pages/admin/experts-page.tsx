import type { ExpertAdminView } from '@lumira/shared';
import { TIER_IDS, type TierId } from '@lumira/shared';
import { useAction, useDocumentTitle, useLoad } from '@lumira/web-kit';
import { useCallback } from 'react';
import { useApi } from '../../auth/auth-context';
import { ErrorBanner } from '../../components/error-banner';

const TIER_LABELS: Record<TierId, string> = { basic: 'Basique', premium: 'Premium', vip: 'VIP' };

/** Experts: activate / deactivate, and the tiers each one offers. */
export function ExpertsPage() {
  useDocumentTitle('Experts');
  const api = useApi();
  const action = useAction();

  const fetchExperts = useCallback(() => api.adminExperts(), [api]);
  const { data: experts, message: error, reload: load } = useLoad(fetchExperts, [fetchExperts]);

  const update = async (expert: ExpertAdminView, body: { active?: boolean; tiers?: TierId[] }) => {
    if ((await action.run(() => api.updateExpert(expert.id, body))) !== undefined) await load();
  };

  return (
    <section aria-labelledby="experts-title">
      <h1 id="experts-title">Experts</h1>
      <p className="lead">
        Un expert désactivé ne reçoit plus de nouvelles commandes ; ses commandes en cours restent visibles.
      </p>
      <ErrorBanner message={error ?? action.error} />
      {!experts && !error && <p aria-busy="true">Chargement…</p>}
      {experts && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Expert</th>
                <th scope="col">Disponibilité</th>
                <th scope="col">Formules proposées</th>
                <th scope="col">Compte</th>
              </tr>
            </thead>
            <tbody>
              {experts.map((x) => (
                <tr key={x.id} data-testid={`expert-${x.id}`} className={x.active ? '' : 'row-muted'}>
                  <td>
                    <strong>{x.name}</strong>
                    {x.email && <div className="muted">{x.email}</div>}
                  </td>
                  <td>
                    <span className={`badge ${x.online ? 'badge-success' : 'badge-muted'}`}>
                      {x.online ? 'En ligne' : 'Hors ligne'}
                    </span>
                  </td>
                  <td>
                    <fieldset className="inline-checks" aria-label={`Formules de ${x.name}`}>
                      {TIER_IDS.map((t) => (
                        <label key={t} className="checkbox">
                          <input
                            type="checkbox"
                            checked={x.tiers.includes(t)}
                            disabled={action.busy}
                            onChange={(e) =>
                              void update(x, {
                                tiers: e.currentTarget.checked
                                  ? TIER_IDS.filter((id) => id === t || x.tiers.includes(id))
                                  : x.tiers.filter((id) => id !== t),
                              })
                            }
                          />
                          {TIER_LABELS[t]}
                        </label>
                      ))}
                    </fieldset>
                  </td>
                  <td>
                    <button
                      type="button"
                      className={`button button-small ${x.active ? 'button-ghost' : 'button-primary'}`}
                      disabled={action.busy}
                      onClick={() => void update(x, { active: !x.active })}
                      aria-label={`${x.active ? 'Désactiver' : 'Activer'} ${x.name}`}
                    >
                      {x.active ? 'Désactiver' : 'Activer'}
                    </button>
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
