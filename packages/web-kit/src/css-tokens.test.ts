// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cssTokens } from './css-tokens';

afterEach(() => {
  document.documentElement.removeAttribute('style');
});

describe('cssTokens', () => {
  it('reads the tokens that are set and leaves the others out', () => {
    document.documentElement.style.setProperty('--gold', ' #d4af37');
    document.documentElement.style.setProperty('--radius-sm', '10px');
    expect(cssTokens({ colorPrimary: '--gold', borderRadius: '--radius-sm', colorText: '--ink' })).toEqual({
      colorPrimary: '#d4af37',
      borderRadius: '10px',
    });
  });

  it('gives nothing without a document', () => {
    expect(cssTokens({ colorPrimary: '--gold' }, null)).toEqual({});
  });
});
