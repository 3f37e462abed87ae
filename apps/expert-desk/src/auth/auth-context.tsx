import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ApiClient, User } from '../services/api';

type AuthState =
  | { status: 'loading'; user: null }
  | { status: 'anonymous'; user: null }
  | { status: 'authenticated'; user: User };

type AuthContextValue = AuthState & {
  api: ApiClient;
  login(email: string, password: string): Promise<User>;
  logout(): void;
};

const AuthContext = createContext<AuthContextValue | null>(null);

/** Holds the signed-in user; `expiredListener` is how the API client reports a 401. */
export function AuthProvider(props: {
  api: ApiClient;
  children: ReactNode;
  onExpired?: (listener: () => void) => () => void;
}) {
  const { api, onExpired } = props;
  const [state, setState] = useState<AuthState>(() =>
    api.hasToken() ? { status: 'loading', user: null } : { status: 'anonymous', user: null },
  );

  useEffect(() => {
    if (!api.hasToken()) return;
    let cancelled = false;
    api
      .me()
      .then((user) => !cancelled && setState({ status: 'authenticated', user }))
      .catch(() => {
        if (cancelled) return;
        api.logout();
        setState({ status: 'anonymous', user: null });
      });
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(() => onExpired?.(() => setState({ status: 'anonymous', user: null })), [onExpired]);

  const login = useCallback(
    async (email: string, password: string) => {
      const { user } = await api.login(email, password);
      setState({ status: 'authenticated', user });
      return user;
    },
    [api],
  );

  const logout = useCallback(() => {
    api.logout();
    setState({ status: 'anonymous', user: null });
  }, [api]);

  const value = useMemo(() => ({ ...state, api, login, logout }), [state, api, login, logout]);
  return <AuthContext.Provider value={value}>{props.children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

export function useApi(): ApiClient {
  return useAuth().api;
}
