/**
 * /seance/:orderId?token=...: the consultation room, for the customer (the order's access token from
 * the confirmation page or the e-mail, or the signed-in owner's account). It waits for the expert,
 * opens when the session starts and stays readable once it has ended.
 */
import type { RoomState } from '@lumira/shared';
import { formatDuration, RoomPanel, useDocumentTitle } from '@lumira/web-kit';
import '@lumira/web-kit/room.css';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/auth-context';
import { config } from '../config';
import { confirmationPath } from '../lib/confirmation-url';
import { roomApiFor } from '../services/api';

export default function SeancePage() {
  const { orderId = '' } = useParams();
  const [search] = useSearchParams();
  const token = search.get('token');
  const { user } = useAuth();
  const [room, setRoom] = useState<RoomState | null>(null);
  const roomApi = useMemo(() => roomApiFor(token), [token]);
  const onRoomChange = useCallback((next: RoomState) => setRoom(next), []);
  useDocumentTitle(room?.state === 'open' ? 'Séance en cours' : 'Votre séance', config.appName);

  if (!/^[0-9a-f]{24}$/.test(orderId) || (!token && !user)) {
    return (
      <section className="container narrow page-section">
        <h1>Lien de séance incomplet</h1>
        <p>
          Ce lien ne permet pas d’ouvrir une séance. Utilisez le lien « Rejoindre la séance » de votre page de
          confirmation ou de l’e-mail reçu, ou connectez-vous pour retrouver vos commandes.
        </p>
        <p className="button-row">
          <Link className="button button-primary" to="/compte">
            Mes commandes
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section className="container page-section seance">
      <h1>{room ? `Votre séance avec ${room.expertName}` : 'Votre séance'}</h1>
      {room && (
        <p className="muted">
          {room.tierName} · {formatDuration(room.durationMinutes)}
        </p>
      )}
      <RoomPanel api={roomApi} orderId={orderId} onRoomChange={onRoomChange} />
      <p className="button-row">
        <Link className="button button-ghost" to={token ? confirmationPath(orderId, token) : '/compte'}>
          Voir ma commande
        </Link>
      </p>
    </section>
  );
}
