// Bundles the browser Stripe.js replacement (src/stripe-js) into dist/stripe-js/stripe-v3.js, where the
// compiled server (dist/cli.js, `npm run build`) reads it when the TypeScript source is absent (the image).
import path from 'node:path';
import { STRIPE_JS_PREBUILT, writeStripeJsBundle } from '../src/server/control/stripe-js-bundle';

const outFile = STRIPE_JS_PREBUILT;
await writeStripeJsBundle(outFile);
console.log(`wrote ${path.relative(process.cwd(), outFile)}`);
