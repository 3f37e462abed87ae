import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(repo, path), 'utf8');
const withoutComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '');

const tokens = withoutComments(read('packages/web-kit/src/tokens.css'));
const defined = new Set([...tokens.matchAll(/(--[a-z0-9-]+)\s*:/g)].map((m) => m[1]));
const STYLESHEETS = [
  'packages/web-kit/src/base.css',
  'apps/main-app/src/styles.css',
  'apps/expert-desk/src/styles.css',
];

describe('design tokens', () => {
  it('tokens.css defines colours, type, spacing and radii', () => {
    for (const name of [
      '--night-900',
      '--gold',
      '--ink',
      '--danger',
      '--sans',
      '--serif',
      '--space-4',
      '--radius',
    ]) {
      expect(defined, name).toContain(name);
    }
  });

  it.each(STYLESHEETS)('%s writes no colour of its own and uses only defined tokens', (path) => {
    const css = withoutComments(read(path));
    expect(css.match(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/gi) ?? []).toEqual([]);
    expect(css).not.toMatch(/(^|[\s;{])--[a-z0-9-]+\s*:/); // no token redefined in an app
    const used = new Set([...css.matchAll(/var\((--[a-z0-9-]+)/g)].map((m) => m[1]));
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
  });

  it('the Stripe Elements appearance reads tokens, no literal colours', () => {
    const page = read('apps/main-app/src/pages/CommandeTemple.tsx');
    expect(page.match(/#[0-9a-f]{3,8}\b|\brgba?\(/gi) ?? []).toEqual([]);
    expect(page).toMatch(/cssTokens\(/);
  });
});
