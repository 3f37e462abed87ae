import type { LoginRequest, RegisterRequest } from '@lumira/shared';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api } from '../services/api';
import { readSession, SESSION_EXPIRED_EVENT, type Session, writeSession } from './session-store';

type AuthState = {
  user: Session['user'] | null;
  login(body: LoginRequest): Promise<void>;
  register(body: RegisterRequest): Promise<void>;
  logout(): void;
};

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => readSession());
  const save = useCallback((next: Session | null) => {
    writeSession(next);
    setSession(next);
  }, []);
  useEffect(() => {
    const expire = () => setSession(null);
    window.addEventListener(SESSION_EXPIRED_EVENT, expire);
    return () => window.removeEventListener(SESSION_EXPIRED_EVENT, expire);
  }, []);
  const value = useMemo<AuthState>(
    () => ({
      user: session?.user ?? null,
      login: async (body) => save(await api.login(body)),
      // Registration answers the same for a free and a taken address (no enumeration): log in next.
      register: async (body) => {
        await api.register(body);
        save(await api.login({ email: body.email, password: body.password }));
      },
      logout: () => save(null),
    }),
    [session, save],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
