import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package folder, found from this module whether it runs from src/ or compiled into dist/. */
function packageDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const PACKAGE_DIR = packageDir();
/** The TypeScript entry of the browser script (present when running from source). */
export const STRIPE_JS_ENTRY = path.join(PACKAGE_DIR, 'src/stripe-js/index.ts');
/** The bundle `npm run build` writes next to the compiled server (`dist/stripe-js/stripe-v3.js`). */
export const STRIPE_JS_PREBUILT = path.join(PACKAGE_DIR, 'dist/stripe-js/stripe-v3.js');

/** Bundles src/stripe-js into one classic script (an IIFE defining `window.Stripe`). */
export async function bundleStripeJs(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [STRIPE_JS_ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the Stripe.js replacement');
  return file.text;
}

/** Writes the bundle to `outFile` (the build step of the package). */
export async function writeStripeJsBundle(outFile: string): Promise<void> {
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, await bundleStripeJs());
}

let cached: Promise<Buffer> | undefined;

/**
 * The script body: bundled from the TypeScript source once per process when the source is there
 * (dev, tests), otherwise the prebuilt file (the compiled image).
 */
export function stripeJsBody(): Promise<Buffer> {
  cached ??= (async () =>
    existsSync(STRIPE_JS_ENTRY) ? Buffer.from(await bundleStripeJs()) : readFile(STRIPE_JS_PREBUILT))().catch(
    (error: unknown) => {
      cached = undefined;
      throw error;
    },
  );
  return cached;
}
