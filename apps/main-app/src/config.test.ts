import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
  it('uses the local API and the brand name by default', () => {
    expect(readConfig({})).toEqual({
      apiUrl: 'http://localhost:3001',
      stripePublishableKey: '',
      appName: 'Lumira Oracle',
    });
  });
  it('reads the VITE_* values, trimming a trailing slash', () => {
    expect(
      readConfig({
        VITE_API_URL: 'https://api.lumira.fr/',
        VITE_STRIPE_PUBLISHABLE_KEY: 'pk_test_1',
        VITE_APP_NAME: 'Oracle',
      }),
    ).toEqual({ apiUrl: 'https://api.lumira.fr', stripePublishableKey: 'pk_test_1', appName: 'Oracle' });
  });
});
