import { formatMoney, type ServiceTier } from '@lumira/shared';
import { formatDuration, useDocumentTitle, useLoad } from '@lumira/web-kit';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../components/error-notice';
import { PageLoading } from '../components/page-loading';
import { config } from '../config';
import { commandeHref } from '../lib/commande-params';
import { api } from '../services/api';

const TIER_TAGLINES: Record<string, string> = {
  basic: 'Une question précise, une réponse claire.',
  premium: 'Le temps d’explorer votre situation en profondeur.',
  vip: 'Un accompagnement complet, sans compter.',
};

export default function HomePage() {
  useDocumentTitle('Consultations en direct', config.appName);
  const catalog = useLoad(() => api.getCatalog(), []);
  const experts = useLoad(() => api.getExperts(), []);
  const tiers = catalog.data?.tiers.filter((t) => t.active) ?? [];
  /** "Premium · 79,00 €": the tier's name without the word every tier shares, and its price. */
  const tierChip = (id: string) => {
    const tier = tiers.find((t) => t.id === id);
    return tier ? `${tier.name.replace(/^Consultation\s+/i, '')} · ${formatMoney(tier.price)}` : id;
  };

  return (
    <>
      <section className="hero">
        <div className="container hero-inner">
          <p className="eyebrow">Consultations en direct</p>
          <h1>Éclairez votre chemin avec nos experts</h1>
          <p className="hero-lead">
            Choisissez votre consultation, réglez en toute sécurité par carte, et votre expert vous retrouve
            en direct. Annulation gratuite tant que la séance n’a pas commencé.
          </p>
          <a className="button button-primary" href="#consultations">
            Découvrir les consultations
          </a>
        </div>
      </section>

      <section className="container page-section" id="consultations" aria-labelledby="consultations-title">
        <h2 id="consultations-title">Nos consultations</h2>
        {catalog.status === 'loading' ? <PageLoading label="Chargement des consultations…" /> : null}
        {catalog.status === 'error' ? <ErrorNotice error={catalog.error} onRetry={catalog.reload} /> : null}
        <ul className="tier-grid">
          {tiers.map((tier) => (
            <TierCard key={tier.id} tier={tier} />
          ))}
        </ul>
      </section>

      <section className="container page-section" aria-labelledby="experts-title">
        <h2 id="experts-title">Nos experts</h2>
        {experts.status === 'loading' ? <PageLoading label="Chargement des experts…" /> : null}
        {experts.status === 'error' ? <ErrorNotice error={experts.error} onRetry={experts.reload} /> : null}
        <ul className="expert-grid">
          {(experts.data?.experts ?? [])
            .filter((e) => e.active)
            .map((expert) => (
              <li key={expert.id} className="card expert-card">
                <div className="expert-head">
                  <span className="avatar" aria-hidden="true">
                    {expert.name.slice(0, 1).toUpperCase()}
                  </span>
                  <div>
                    <h3>{expert.name}</h3>
                    <p className={expert.online ? 'presence presence-online' : 'presence'}>
                      {expert.online ? 'En ligne' : 'Hors ligne'}
                    </p>
                  </div>
                </div>
                {expert.bio ? <p className="expert-bio">{expert.bio}</p> : null}
                <p className="expert-tiers-label" id={`tiers-${expert.id}`}>
                  Réserver avec {expert.name} :
                </p>
                <ul className="chip-list" aria-labelledby={`tiers-${expert.id}`}>
                  {expert.tiers
                    .filter((id) => tiers.some((t) => t.id === id))
                    .map((id) => (
                      <li key={id}>
                        <Link className="chip" to={commandeHref(id, expert.id)}>
                          {tierChip(id)}
                        </Link>
                      </li>
                    ))}
                </ul>
              </li>
            ))}
        </ul>
      </section>
    </>
  );
}

function TierCard({ tier }: { tier: ServiceTier }) {
  const featured = tier.id === 'premium';
  return (
    <li className={featured ? 'card tier-card tier-featured' : 'card tier-card'}>
      {featured ? <p className="ribbon">La plus choisie</p> : null}
      <h3>{tier.name}</h3>
      <p className="tier-tagline">{TIER_TAGLINES[tier.id] ?? ''}</p>
      <p className="tier-price">
        <span className="price">{formatMoney(tier.price)}</span>
        <span className="duration"> · {formatDuration(tier.durationMinutes)}</span>
      </p>
      <ul className="feature-list">
        {tier.features.map((feature) => (
          <li key={feature}>{feature}</li>
        ))}
      </ul>
      <Link
        className="button button-primary tier-cta"
        to={commandeHref(tier.id)}
        aria-label={`Réserver la ${tier.name}`}
      >
        Réserver
      </Link>
    </li>
  );
}
