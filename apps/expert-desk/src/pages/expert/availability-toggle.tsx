import { useState } from 'react';
import { useApi, useAuth } from '../../auth/auth-context';
import { errorMessageFr } from '../../services/api';

/** Online / offline: only online experts are assigned new orders. */
export function AvailabilityToggle() {
  const api = useApi();
  const auth = useAuth();
  const initial = (auth.user as { online?: boolean; expert?: { online?: boolean } } | null) ?? null;
  const [online, setOnline] = useState<boolean>(initial?.expert?.online ?? initial?.online ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const result = await api.setAvailability(!online);
      setOnline(typeof result?.online === 'boolean' ? result.online : !online);
    } catch (err) {
      setError(errorMessageFr(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="availability">
      <button
        type="button"
        role="switch"
        aria-checked={online}
        className={`availability-switch ${online ? 'is-online' : 'is-offline'}`}
        onClick={toggle}
        disabled={busy}
        data-testid="availability-toggle"
      >
        <span className="availability-dot" aria-hidden="true" />
        {online ? 'En ligne' : 'Hors ligne'}
      </button>
      {error && (
        <span className="availability-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
