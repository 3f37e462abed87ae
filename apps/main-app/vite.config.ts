import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';

/** Real Stripe.js: used whenever VITE_STRIPE_JS_URL is not set. */
export const REAL_STRIPE_JS_URL = 'https://js.stripe.com/v3/';

export const DEFAULT_APP_NAME = 'Lumira Oracle';

/** The order page must stay within this budget (all JavaScript it loads, gzipped). */
export const ORDER_PAGE_BUDGET_BYTES = 150 * 1024;

/**
 * index.html carries `%VITE_STRIPE_JS_URL%` in a classic <script> in <head>, before the module bundle.
 * This 'pre' hook runs before Vite's own %ENV% replacement and puts the sandbox's Stripe.js replacement
 * (VITE_STRIPE_JS_URL) there, or real Stripe.js when it is not set. `loadStripe()` then finds
 * `window.Stripe` already defined. This is the only place the choice is made.
 */
function htmlValues(values: { stripeJsUrl: string; appName: string }): Plugin {
  return {
    name: 'lumira-html-values',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html.replaceAll('%VITE_STRIPE_JS_URL%', values.stripeJsUrl).replaceAll('%APP_NAME%', values.appName),
    },
  };
}

/**
 * Prints the gzipped size of everything the order page (/commande) loads: the entry chunk, its static
 * imports and the lazily loaded CommandeTemple chunk with its own static imports. Fails the build
 * when it exceeds the budget.
 */
function orderPageBudget(): Plugin {
  return {
    name: 'lumira-order-page-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = chunks.find((c) => c.isEntry);
      const page = chunks.find((c) => c.facadeModuleId?.endsWith('/src/pages/CommandeTemple.tsx'));
      if (!entry || !page) {
        this.error('order page budget: entry or CommandeTemple chunk not found (is the route code-split?)');
      }
      const files = new Set<string>();
      const visit = (fileName: string) => {
        if (files.has(fileName)) return;
        files.add(fileName);
        for (const dep of byName.get(fileName)?.imports ?? []) visit(dep);
      };
      visit(entry.fileName);
      visit(page.fileName);
      let total = 0;
      const lines: string[] = [];
      for (const fileName of files) {
        const code = byName.get(fileName)?.code ?? '';
        const gz = gzipSync(code).length;
        total += gz;
        lines.push(`  ${fileName.padEnd(48)} ${(gz / 1024).toFixed(1).padStart(7)} KB gzipped`);
      }
      const verdict = total <= ORDER_PAGE_BUDGET_BYTES ? 'within' : 'OVER';
      console.log(
        `\n[order page /commande] JavaScript: ${(total / 1024).toFixed(1)} KB gzipped ` +
          `(${verdict} the ${ORDER_PAGE_BUDGET_BYTES / 1024} KB budget)\n${lines.join('\n')}\n`,
      );
      if (total > ORDER_PAGE_BUDGET_BYTES) {
        this.error(`order page JavaScript is ${(total / 1024).toFixed(1)} KB gzipped, over the budget`);
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, import.meta.dirname, 'VITE_');
  return {
    root: import.meta.dirname,
    plugins: [
      react(),
      htmlValues({
        stripeJsUrl: env.VITE_STRIPE_JS_URL || REAL_STRIPE_JS_URL,
        appName: env.VITE_APP_NAME || DEFAULT_APP_NAME,
      }),
      orderPageBudget(),
    ],
    server: { port: 5173, strictPort: false },
    preview: { port: 5173 },
    // No source maps in production builds unless asked for (VITE_SOURCEMAP=true): they would publish the
    // sources next to the bundle.
    build: { sourcemap: env.VITE_SOURCEMAP === 'true' },
  };
});
