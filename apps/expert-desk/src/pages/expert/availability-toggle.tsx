import { errorMessage } from '@lumira/web-kit';
import { useEffect, useState } from 'react';
import { useApi, useAuth } from '../../auth/auth-context';

/** Online / offline: only online experts are assigned new orders. */
export function AvailabilityToggle() {
  const api = useApi();
  const auth = useAuth();
  const expertId = auth.user?.expertId;
  const [online, setOnline] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .publicExperts()
      .then((experts) => {
        if (!cancelled) setOnline(experts.find((x) => x.id === expertId)?.online ?? false);
      })
      .catch(() => !cancelled && setOnline(false));
    return () => {
      cancelled = true;
    };
  }, [api, expertId]);

  async function toggle() {
    const next = !online;
    setBusy(true);
    setError(null);
    try {
      const result = await api.setAvailability(next);
      setOnline(result.online);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="availability">
      <button
        type="button"
        role="switch"
        aria-checked={online === true}
        title="Seuls les experts en ligne reçoivent de nouvelles commandes"
        className={`availability-switch ${online ? 'is-online' : 'is-offline'}`}
        onClick={toggle}
        disabled={busy || online === null}
        data-testid="availability-toggle"
      >
        <span className="availability-dot" aria-hidden="true" />
        {online === null ? '…' : online ? 'En ligne' : 'Hors ligne'}
      </button>
      {error && (
        <span className="availability-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
