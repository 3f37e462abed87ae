#!/usr/bin/env node
// Compiles a Node service of the monorepo (the API, the Stripe sandbox) into plain JavaScript in its
// dist/ folder, for the production start `node dist/<name>.js` (docs/decisions/0021-compiled-node-services.md).
//
//   node ../../scripts/bundle-node.mjs main=src/main.ts create-staff=src/cli/create-staff-account.ts
//
// Run from the package folder (npm scripts do). Each NAME=ENTRY becomes dist/NAME.js. The sources of the
// workspace packages (@lumira/*, consumed as TypeScript) are compiled into the output; every npm package
// stays an import resolved from node_modules at run time (native addons, packages that read their own
// files, pino's workers keep working). Code shared by several entries or imported lazily
// (`await import(...)`) goes to dist/chunk-*.js files, so a lazy import stays lazy. All output files sit
// directly in dist/, so `import.meta.url` points one level below the package folder, as it does from src/.
// Files a workspace source reads next to itself (`new URL('./data.txt', import.meta.url)`) are copied into
// dist/ and the reference rewritten to that copy.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const entryPoints = {};
for (const arg of process.argv.slice(2)) {
  const [name, entry] = arg.split('=');
  if (!name || !entry) {
    console.error(`bundle-node: expected NAME=ENTRY arguments, got "${arg}"`);
    process.exit(2);
  }
  entryPoints[name] = entry;
}
if (Object.keys(entryPoints).length === 0) {
  console.error('bundle-node: no entry point (NAME=ENTRY ...)');
  process.exit(2);
}

const outdir = path.resolve('dist');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
/** dist/ file name -> the source file copied there (two different files may not share a name). */
const assets = new Map();
const ASSET_URL = /new URL\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;
const started = Date.now();
const result = await build({
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  // Linked source maps for `node --enable-source-maps` when a stack trace must point into the sources.
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'files-next-to-sources',
      setup(b) {
        b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
          if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
          const source = readFileSync(args.path, 'utf8');
          if (!source.includes('import.meta.url')) return undefined;
          let changed = false;
          const contents = source.replace(ASSET_URL, (match, quote, relative) => {
            if (/\.[cm]?[jt]sx?$/.test(relative)) return match;
            const file = path.resolve(path.dirname(args.path), relative);
            if (!existsSync(file)) throw new Error(`${args.path}: ${relative} not found`);
            const name = path.basename(file);
            const taken = assets.get(name);
            if (taken && taken !== file) throw new Error(`two files named ${name}: ${taken} and ${file}`);
            assets.set(name, file);
            changed = true;
            return `new URL(${quote}./${name}${quote}, import.meta.url)`;
          });
          if (!changed) return undefined;
          const ext = path.extname(args.path).slice(1);
          const loader =
            ext.startsWith('ts') || ext.endsWith('ts') ? (ext.includes('x') ? 'tsx' : 'ts') : 'js';
          return { contents, loader };
        });
      },
    },
    {
      name: 'npm-packages-stay-external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@lumira/') || path.isAbsolute(args.path)
            ? undefined
            : { path: args.path, external: true },
        );
      },
    },
  ],
});
for (const [name, file] of assets) copyFileSync(file, path.join(outdir, name));
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
const bytes = outputs.reduce((sum, [, info]) => sum + info.bytes, 0);
console.log(
  `bundle-node: ${outputs.length} file(s) in ${path.relative(process.cwd(), outdir) || outdir}/, ${(bytes / 1024).toFixed(0)} KB${assets.size ? ` (+ ${[...assets.keys()].join(', ')})` : ''}, ${Date.now() - started} ms`,
);
