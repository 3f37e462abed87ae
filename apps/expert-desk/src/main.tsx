import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { config } from './config';
import { createApiClient } from './services/api';
import '@lumira/web-kit/tokens.css';
import '@lumira/web-kit/base.css';
import './styles.css';

const expiredListeners = new Set<() => void>();
const api = createApiClient({
  baseUrl: config.apiUrl,
  onUnauthorized: () => {
    for (const listener of expiredListeners) listener();
  },
});
const onExpired = (listener: () => void) => {
  expiredListeners.add(listener);
  return () => {
    expiredListeners.delete(listener);
  };
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} onExpired={onExpired} />
  </StrictMode>,
);
