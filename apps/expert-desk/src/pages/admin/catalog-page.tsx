import { formatMoney, type ServiceTier, type UpdateTierRequest } from '@lumira/shared';
import {
  formatCentsAsEuroText,
  formatDuration,
  parseEuroText,
  useAction,
  useDocumentTitle,
  useLoad,
} from '@lumira/web-kit';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useApi } from '../../auth/auth-context';
import { ErrorBanner } from '../../components/error-banner';

/** The catalog editor: prices typed in euros ("79,00") become integer cents; durations in minutes. */
export function CatalogPage() {
  useDocumentTitle('Catalogue');
  const api = useApi();

  const fetchTiers = useCallback(() => api.adminCatalog().then((c) => c.tiers), [api]);
  const { data: tiers, message: error, reload: load } = useLoad(fetchTiers, [fetchTiers]);

  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">Catalogue</h1>
      <p className="banner banner-info" role="note">
        Les nouveaux prix et durées s’appliquent uniquement aux <strong>nouvelles commandes</strong>. Les
        commandes déjà passées gardent le prix payé et la durée achetée.
      </p>
      <ErrorBanner message={error} onRetry={() => void load()} />
      {!tiers && !error && <p aria-busy="true">Chargement…</p>}
      <div className="tier-grid">
        {tiers?.map((tier) => (
          <TierEditor key={tier.id} tier={tier} onSaved={load} />
        ))}
      </div>
    </section>
  );
}

function TierEditor(props: { tier: ServiceTier; onSaved(): Promise<void> }) {
  const { tier } = props;
  const api = useApi();
  const action = useAction();
  const [name, setName] = useState(tier.name);
  const [price, setPrice] = useState(formatCentsAsEuroText(tier.price.amount));
  const [duration, setDuration] = useState(String(tier.durationMinutes));
  const [active, setActive] = useState(tier.active);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setName(tier.name);
    setPrice(formatCentsAsEuroText(tier.price.amount));
    setDuration(String(tier.durationMinutes));
    setActive(tier.active);
  }, [tier]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const parsed = parseEuroText(price);
    if (!parsed.ok) return setFieldError(parsed.error);
    if (parsed.cents < 100) return setFieldError('Le prix doit être d’au moins 1,00 €.');
    if (!/^\d+$/.test(duration.trim())) return setFieldError('La durée est un nombre entier de minutes.');
    const minutes = Number(duration.trim());
    if (minutes < 5 || minutes > 600)
      return setFieldError('La durée doit être comprise entre 5 et 600 minutes.');
    if (!name.trim()) return setFieldError('Le nom est obligatoire.');
    setFieldError(null);
    const body: UpdateTierRequest = {};
    if (name.trim() !== tier.name) body.name = name.trim();
    if (parsed.cents !== tier.price.amount)
      body.price = { amount: parsed.cents, currency: tier.price.currency };
    if (minutes !== tier.durationMinutes) body.durationMinutes = minutes;
    if (active !== tier.active) body.active = active;
    if (Object.keys(body).length === 0) return setFieldError('Aucune modification à enregistrer.');
    if ((await action.run(() => api.updateTier(tier.id, body))) !== undefined) {
      setSaved(true);
      await props.onSaved();
    }
  }

  const id = `tier-${tier.id}`;
  return (
    <form
      className="panel tier-card"
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      data-testid={id}
      noValidate
    >
      <div className="tier-head">
        <h2 id={`${id}-title`}>{tier.name}</h2>
        <span className="muted">
          Actuellement {formatMoney(tier.price)} · {formatDuration(tier.durationMinutes)}
        </span>
      </div>
      <ErrorBanner message={action.error} />
      <label className="field">
        <span>Nom</span>
        <input type="text" value={name} maxLength={100} onChange={(e) => setName(e.currentTarget.value)} />
      </label>
      <div className="form-row">
        <label className="field">
          <span>Prix (€)</span>
          <input
            type="text"
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.currentTarget.value)}
            placeholder="79,00"
            data-testid={`${id}-price`}
          />
        </label>
        <label className="field">
          <span>Durée (minutes)</span>
          <input
            type="text"
            inputMode="numeric"
            value={duration}
            onChange={(e) => setDuration(e.currentTarget.value)}
            data-testid={`${id}-duration`}
          />
        </label>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        Proposée à la vente
      </label>
      <p className="field-error" role={fieldError ? 'alert' : undefined}>
        {fieldError}
      </p>
      {saved && (
        <p className="banner banner-success" role="status">
          Enregistré. Les prochaines commandes utiliseront ces valeurs.
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={action.busy}>
        Enregistrer
      </button>
    </form>
  );
}
