/** The logged-in customer's session (JWT + profile), kept in localStorage. */
import type { AuthResponse } from '@lumira/shared';

export type Session = AuthResponse;

const KEY = 'lumira.session';

/** Dispatched on window when the API refused the stored JWT (the session was cleared). */
export const SESSION_EXPIRED_EVENT = 'lumira:session-expired';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readSession(): Session | null {
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    return typeof parsed.token === 'string' && parsed.user ? (parsed as Session) : null;
  } catch {
    return null;
  }
}

export function writeSession(session: Session | null): void {
  try {
    if (session) storage()?.setItem(KEY, JSON.stringify(session));
    else storage()?.removeItem(KEY);
  } catch {
    // Storage disabled: the session lasts as long as the page.
  }
}
