/** The browser's configuration, read once from the VITE_* build-time values (see .env.example). */
export interface AppConfig {
  readonly apiUrl: string;
  readonly stripePublishableKey: string;
  readonly appName: string;
}

export function readConfig(env: Record<string, string | boolean | undefined>): AppConfig {
  const text = (key: string): string | undefined => {
    const value = env[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  return Object.freeze({
    apiUrl: (text('VITE_API_URL') ?? 'http://localhost:3001').replace(/\/+$/, ''),
    stripePublishableKey: text('VITE_STRIPE_PUBLISHABLE_KEY') ?? '',
    appName: text('VITE_APP_NAME') ?? 'Lumira Oracle',
  });
}

export const config: AppConfig = readConfig(import.meta.env);
