// Bundles the browser Stripe.js replacement (src/stripe-js) into dist/stripe-js/stripe-v3.js, where the
// compiled server (dist/server/control/stripe-js-bundle.js) reads it when the TypeScript source is absent.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStripeJsBundle } from '../src/server/control/stripe-js-bundle';

const outFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/stripe-js/stripe-v3.js');
await writeStripeJsBundle(outFile);
console.log(`wrote ${path.relative(process.cwd(), outFile)}`);
