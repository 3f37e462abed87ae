/**
 * /cgv, /mentions-legales, /confidentialite: the legal pages, templates filled with the seller details
 * the API is configured with (GET /api/legal, the same values as on factures).
 */

import type { LegalInfo } from '@lumira/shared';
import { useDocumentTitle, useLoad } from '@lumira/web-kit';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../components/error-notice';
import { PageLoading } from '../components/page-loading';
import { config } from '../config';
import { api } from '../services/api';

export type LegalKind = 'cgv' | 'mentions' | 'confidentialite';

const TITLES: Record<LegalKind, string> = {
  cgv: 'Conditions générales de vente',
  mentions: 'Mentions légales',
  confidentialite: 'Politique de confidentialité',
};

export default function LegalPage({ kind }: { kind: LegalKind }) {
  useDocumentTitle(TITLES[kind], config.appName);
  const legal = useLoad(() => api.getLegalInfo(), []);
  return (
    <section className="container narrow page-section legal-page">
      <h1>{TITLES[kind]}</h1>
      {legal.status === 'loading' ? <PageLoading label="Chargement…" /> : null}
      {legal.status === 'error' ? <ErrorNotice error={legal.error} onRetry={legal.reload} /> : null}
      {legal.data ? CONTENT[kind](legal.data) : null}
    </section>
  );
}

function Seller({ info }: { info: LegalInfo }) {
  const s = info.seller;
  return (
    <p>
      {s.name}, {s.legalForm}, {s.address}. SIREN {s.siren} ({s.rcs})
      {s.vatNumber ? `, TVA intracommunautaire ${s.vatNumber}` : ''}. Contact :{' '}
      <a href={`mailto:${s.email}`}>{s.email}</a>.
    </p>
  );
}

const CONTENT: Record<LegalKind, (info: LegalInfo) => ReactNode> = {
  cgv: (info) => (
    <>
      <h2>1. Vendeur</h2>
      <Seller info={info} />
      <h2>2. Objet</h2>
      <p>
        Les présentes conditions régissent la vente de consultations en direct avec les experts de{' '}
        {config.appName}, réservées et payées sur ce site. Payer une commande vaut acceptation de ces
        conditions.
      </p>
      <h2>3. Prix et paiement</h2>
      <p>
        Les prix sont indiqués en euros, toutes taxes comprises ({info.vatMention}). Le paiement se fait par
        carte bancaire à la commande, par l’intermédiaire de Stripe ; nous ne voyons ni ne conservons les
        numéros de carte. Une facture est émise pour chaque commande payée et envoyée par e-mail.
      </p>
      <h2>4. Déroulement de la consultation</h2>
      <p>
        Après le paiement, un e-mail de confirmation contient le lien pour suivre la commande et rejoindre la
        salle de consultation ; un second e-mail prévient quand l’expert ouvre la séance. Ces liens sont
        personnels et valables {info.orderLinkDays} jours.
      </p>
      <h2>5. Annulation, droit de rétractation et remboursements</h2>
      <p>
        Vous pouvez annuler votre commande depuis sa page de suivi tant que la séance n’a pas commencé : vous
        êtes alors remboursé intégralement. En demandant que la séance commence avant la fin du délai de
        rétractation de quatorze jours, vous renoncez à ce droit pour la prestation exécutée (art. L221-28 du
        Code de la consommation). Si l’expert ne se présente pas, le remboursement est intégral et automatique
        ; une séance interrompue est remboursée au prorata des minutes non utilisées. Les remboursements sont
        faits sur la carte utilisée et apparaissent sur le relevé sous 5 à 10 jours ouvrés ; un avoir est émis
        pour chacun.
      </p>
      <h2>6. Réclamations et médiation</h2>
      <p>
        Écrivez-nous à <a href={`mailto:${info.seller.email}`}>{info.seller.email}</a>. En cas de litige non
        résolu, vous pouvez recourir gratuitement à un médiateur de la consommation. Le droit français
        s’applique.
      </p>
    </>
  ),
  mentions: (info) => (
    <>
      <h2>Éditeur du site</h2>
      <Seller info={info} />
      <p>Directeur de la publication : {info.seller.publicationDirector}.</p>
      <h2>Hébergement</h2>
      <p>{info.seller.host}</p>
      <h2>Paiements</h2>
      <p>
        Les paiements par carte sont traités par Stripe Payments Europe, Ltd., 1 Grand Canal Street Lower,
        Dublin 2, Irlande.
      </p>
      <p>
        Voir aussi nos <Link to="/cgv">conditions générales de vente</Link> et notre{' '}
        <Link to="/confidentialite">politique de confidentialité</Link>.
      </p>
    </>
  ),
  confidentialite: (info) => (
    <>
      <h2>Responsable du traitement</h2>
      <Seller info={info} />
      <h2>Données traitées et finalités</h2>
      <ul>
        <li>
          Adresse e-mail et nom : exécuter votre commande (confirmation, liens de séance, reçu, facture,
          remboursement) et gérer votre compte. Base légale : le contrat.
        </li>
        <li>
          Commandes, factures et avoirs : obligations comptables et fiscales, conservés dix ans. Base légale :
          l’obligation légale.
        </li>
        <li>Mot de passe : conservé uniquement sous forme d’empreinte (argon2id), jamais en clair.</li>
        <li>
          Paiement : les données de carte sont saisies chez Stripe et ne nous parviennent pas ; Stripe ne
          reçoit de notre part que le numéro de commande.
        </li>
      </ul>
      <p>Vos données ne sont ni vendues ni utilisées à des fins publicitaires.</p>
      <h2>Cookies</h2>
      <p data-testid="cookies-statement">
        Ce site n’utilise aucun cookie non essentiel : ni mesure d’audience, ni publicité, ni réseau social.
        Seules sont conservées dans votre navigateur les informations nécessaires au service (votre session de
        connexion et la commande en cours), ce qui ne demande pas de consentement.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder à vos données, les rectifier, les effacer (hors obligations légales), en demander
        la portabilité ou vous opposer à leur traitement en écrivant à{' '}
        <a href={`mailto:${info.seller.email}`}>{info.seller.email}</a>. Vous pouvez aussi saisir la CNIL
        (www.cnil.fr).
      </p>
    </>
  ),
};
