#!/usr/bin/env node
// `npm run test:compose`: the production images built and booted as an operator runs them.
//
//  1. Checks for docker, docker-compose and debootstrap (installs nothing: `.ci/run` installs them from
//     apt) and starts dockerd when `docker info` fails (and stops it again at the end).
//  2. Base images: the Dockerfiles' and docker-compose.yml's official images when present or pullable,
//     otherwise local stand-ins tagged with the same names (test/compose/standins/: a debootstrap'd
//     Debian bookworm with this machine's Node.js and npm, Debian's nginx laid out like
//     nginx-unprivileged, Debian's PostgreSQL 15 and Redis behind the official images' contracts).
//     One debootstrap holds every Debian package they need; the four stand-ins derive from it in
//     parallel and download nothing. Stand-ins stay cached between runs (labelled lumira.standin=1).
//  3. Builds the project's images with the project's Dockerfile, unchanged, from a copy of the working
//     tree (so a .env of the checkout is never read or touched). NPM_CA_CERTS carries this machine's extra
//     CA certificates when one is configured (NPM_CA_CERTS, NODE_EXTRA_CA_CERTS or npm's cafile).
//  4. `up` with the `sandbox` profile on free host ports, waits until every service is healthy, then:
//     /api/health and /api/ready, both front ends (no public source maps), an order paid end to end
//     through the site's nginx (created there, confirmed in the sandbox with pm_card_visa, moved to paid
//     by the sandbox's webhook alone, seen live on the order's SSE stream through nginx, its confirmation
//     e-mail received by the mail catcher and read through the catcher's published HTTP API),
//     `deploy.sh --skip-build` against the same images, the create-staff command of docs/deployment.md.
//  5. `down -v`, removes the images it built and their build cache, the copy; prints each step's time.
//     A failed build leaves nothing behind either: the containers of its failed step and the untagged
//     images it made are removed (with --keep-cache only the containers: the images are the cache).
//
// Options: --keep-cache (keep the intermediate build images, faster reruns), --keep-up (leave the stack
// running at the end, for a look), --measure (container memory, image sizes, the API container's processes).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STANDINS = path.join(import.meta.dirname, 'standins');
const STANDIN_LABEL = 'lumira.standin=1';
const SUITE = 'bookworm';
const BUILT_SERVICES = ['api-backend', 'main-app', 'expert-desk', 'stripe-sandbox', 'mail-catcher'];
const HOST_APT_ARCHIVES = '/var/cache/apt/archives';
/** The Debian packages of every stand-in, installed once by debootstrap into their common base. */
const STANDIN_PACKAGES = ['ca-certificates', 'wget', 'nginx', 'postgresql-15', 'redis-server'];
/** The common base of the stand-ins, tagged by its package list (a cached base of another list is not reused). */
const STANDIN_BASE = `lumira-standin/bookworm:${createHash('sha256').update(STANDIN_PACKAGES.join(',')).digest('hex').slice(0, 12)}`;
/** Folders outside the work folder to remove at the end (the rootfs on a tmpfs). */
const cleanupPaths = [];

const { values: opts } = parseArgs({
  options: {
    'keep-cache': { type: 'boolean' },
    'keep-up': { type: 'boolean' },
    measure: { type: 'boolean' },
  },
});

const started = Date.now();
const timings = [];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (line) => console.log(`[compose-test] ${line}`);

class StepError extends Error {}

async function step(name, fn) {
  const t0 = Date.now();
  log(`${name} ...`);
  try {
    const result = await fn();
    timings.push([name, Date.now() - t0]);
    log(`${name}: ok in ${seconds(Date.now() - t0)}`);
    return result;
  } catch (error) {
    timings.push([`${name} (FAILED)`, Date.now() - t0]);
    throw error;
  }
}

function check(condition, message) {
  if (!condition) throw new StepError(message);
}

/** Runs a command; throws with its output's tail when it fails. */
function run(cmd, args, { env, cwd = ROOT, input, allowFail = false, quiet = true } = {}) {
  const res = spawnSync(cmd, args, {
    cwd,
    env: env ?? process.env,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: [input === undefined ? 'ignore' : 'pipe', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
  });
  if (res.status !== 0 && !allowFail) {
    const tail = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new StepError(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}\n${tail}`);
  }
  return res;
}

/** Runs a command in the background, its output to a log file; resolves when it ends. */
function runLogged(cmd, args, logFile, { cwd = ROOT, env } = {}) {
  return new Promise((resolve, reject) => {
    const fd = openSync(logFile, 'w');
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', fd, fd] });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else {
        const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-40).join('\n');
        reject(new StepError(`${cmd} ${args.join(' ')} exited with ${code} (log: ${logFile})\n${tail}`));
      }
    });
  });
}

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const dockerUp = () => spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
const imageExists = (tag) => spawnSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' }).status === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---- 1. tools and the Docker daemon -----------------------------------------------------------------

let dockerd = null;

async function ensureDocker() {
  const missing = ['docker', 'docker-compose', 'debootstrap'].filter((c) => !has(c));
  check(
    missing.length === 0,
    `missing: ${missing.join(', ')}. Install them (Debian: apt-get install docker.io docker-compose debootstrap; .ci/run does).`,
  );
  if (dockerUp()) return;
  log('docker info fails: starting dockerd');
  const logFile = path.join(tmpdir(), 'lumira-compose-test-dockerd.log');
  const fd = openSync(logFile, 'a');
  dockerd = spawn('dockerd', [], { detached: true, stdio: ['ignore', fd, fd] });
  dockerd.unref();
  for (let i = 0; i < 60 && !dockerUp(); i++) await sleep(1000);
  check(dockerUp(), `dockerd did not start within 60 s (log: ${logFile})`);
}

async function stopDockerdIfStarted() {
  if (!dockerd || dockerd.exitCode !== null) return;
  log(`stopping the dockerd this test started (pid ${dockerd.pid})`);
  process.kill(dockerd.pid, 'SIGTERM');
  for (let i = 0; i < 30 && dockerUp(); i++) await sleep(1000);
}

// ---- 2. base images -----------------------------------------------------------------------------------

/** The base images the project names: the Dockerfile's ARG defaults and docker-compose.yml's images. */
function baseImages() {
  const found = { node: new Set(), nginx: new Set(), postgres: new Set(), redis: new Set() };
  const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  for (const m of text.matchAll(/^ARG NODE_IMAGE=(\S+)/gm)) found.node.add(m[1]);
  for (const m of text.matchAll(/^ARG NGINX_IMAGE=(\S+)/gm)) found.nginx.add(m[1]);
  const compose = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
  for (const m of compose.matchAll(/^\s+image:\s*["']?(postgres:[^\s"']+)/gm)) found.postgres.add(m[1]);
  for (const m of compose.matchAll(/^\s+image:\s*["']?(redis:[^\s"']+)/gm)) found.redis.add(m[1]);
  for (const [kind, tags] of Object.entries(found)) check(tags.size > 0, `no ${kind} base image found`);
  return found;
}

/** The Debian mirror this machine's apt uses (deb822 or one-line sources), for debootstrap. */
function debianMirror() {
  const candidates = ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list'];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const deb822 = text.match(/^URIs:\s*(\S+\/debian)\/?\s*$/m);
    if (deb822) return deb822[1];
    const oneLine = text.match(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\/?\s+bookworm\s/m);
    if (oneLine) return oneLine[1];
  }
  return 'http://deb.debian.org/debian';
}

/**
 * Where debootstrap unpacks the root file system: a tmpfs when there is one (dpkg syncs every file it
 * writes; on a tmpfs that costs nothing), else the work folder.
 */
function rootfsParent(work) {
  if (existsSync('/dev/shm')) {
    try {
      return mkdtempSync('/dev/shm/lumira-compose-test-rootfs-');
    } catch {}
  }
  return work;
}

async function buildStandinBase(work) {
  const parent = rootfsParent(work);
  const rootfs = path.join(parent, 'rootfs');
  cleanupPaths.push(parent);
  // Packages this machine's apt already downloaded are reused (hard links into a private cache folder).
  const cache = path.join(work, 'debs');
  mkdirSync(cache);
  linkHostDebs(cache);
  const mirror = debianMirror();
  const fetched = await prefetchDebs(cache, mirror).catch((error) => {
    log(`no parallel download of the packages (debootstrap downloads them itself): ${error.message}`);
    return 0;
  });
  if (fetched > 0) log(`${fetched} packages downloaded in parallel`);
  log(`debootstrap ${SUITE} from ${mirror} with ${STANDIN_PACKAGES.join(', ')}`);
  const t0 = Date.now();
  await runLogged(
    'debootstrap',
    [
      '--variant=minbase',
      `--include=${STANDIN_PACKAGES.join(',')}`,
      `--cache-dir=${cache}`,
      SUITE,
      rootfs,
      mirror,
    ],
    path.join(work, 'debootstrap.log'),
  );
  log(`debootstrap done in ${seconds(Date.now() - t0)}`);
  // No apt lists, package cache or docs in the image (nothing is installed into it later).
  for (const dir of ['var/lib/apt/lists', 'var/cache/apt/archives', 'usr/share/doc', 'usr/share/man']) {
    rmSync(path.join(rootfs, dir), { recursive: true, force: true });
    mkdirSync(path.join(rootfs, dir), { recursive: true });
  }
  const tar = spawn('tar', ['-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const imp = spawn(
    'docker',
    [
      'import',
      '--change',
      `LABEL ${STANDIN_LABEL}`,
      '--change',
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--change',
      'CMD ["bash"]',
      '-',
      STANDIN_BASE,
    ],
    { stdio: ['pipe', 'ignore', 'inherit'] },
  );
  tar.stdout.pipe(imp.stdin);
  const code = await new Promise((resolve) => imp.on('exit', resolve));
  check(code === 0, 'docker import of the debootstrap rootfs failed');
  rmSync(parent === work ? rootfs : parent, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
}

/** The file name debootstrap gives a package in its --cache-dir (the version's first ':' as %3a). */
const cacheName = (p) => `${p.Package}_${p.Version.replace(':', '%3a')}_${p.Architecture}.deb`;

/**
 * Downloads, 8 at a time, the packages debootstrap is going to install into its --cache-dir, where it
 * finds them (it checks each one's checksum and downloads again any that does not match). debootstrap
 * itself downloads one package after another, about a second and a half each here. The list is worked
 * out the way debootstrap's minbase variant does: the `required` packages, apt and the included
 * packages, with their dependencies (first alternative, or a package providing it). A package missed
 * here is simply downloaded by debootstrap. Resolves with the number of packages downloaded.
 */
async function prefetchDebs(cache, mirror) {
  const arch = run('dpkg', ['--print-architecture']).stdout.trim();
  const res = await fetch(`${mirror}/dists/${SUITE}/main/binary-${arch}/Packages.xz`);
  check(res.ok, `Packages.xz: HTTP ${res.status}`);
  const index = run('xz', ['-dc'], { input: Buffer.from(await res.arrayBuffer()) }).stdout;
  const packages = new Map();
  const providers = new Map();
  for (const stanza of index.split('\n\n')) {
    const fields = {};
    for (const line of stanza.split('\n')) {
      const m = /^([\w-]+): (.*)$/.exec(line);
      if (m) fields[m[1]] = m[2];
    }
    if (!fields.Package || !fields.Filename) continue;
    packages.set(fields.Package, fields);
    for (const provided of (fields.Provides ?? '').split(',')) {
      const name = provided.trim().split(/[\s(]/)[0];
      if (name && !providers.has(name)) providers.set(name, fields.Package);
    }
  }
  const wanted = new Set();
  const queue = [
    ...[...packages.values()].filter((p) => p.Priority === 'required').map((p) => p.Package),
    'apt',
    ...STANDIN_PACKAGES,
  ];
  while (queue.length > 0) {
    const name = queue.pop();
    const real = packages.has(name) ? name : providers.get(name);
    if (!real || wanted.has(real)) continue;
    wanted.add(real);
    const p = packages.get(real);
    for (const dependency of `${p['Pre-Depends'] ?? ''},${p.Depends ?? ''}`.split(',')) {
      const first = dependency
        .split('|')[0]
        .trim()
        .split(/[\s(:]/)[0];
      if (first) queue.push(first);
    }
  }
  const missing = [...wanted]
    .map((name) => packages.get(name))
    .filter((p) => !existsSync(path.join(cache, cacheName(p))));
  let next = 0;
  let fetched = 0;
  const worker = async () => {
    while (next < missing.length) {
      const p = missing[next++];
      const deb = await fetch(`${mirror}/${p.Filename}`);
      if (!deb.ok) continue;
      const partial = path.join(cache, `${cacheName(p)}.partial`);
      writeFileSync(partial, Buffer.from(await deb.arrayBuffer()));
      renameSync(partial, path.join(cache, cacheName(p)));
      fetched++;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return fetched;
}

/**
 * Hard-links the .deb files of this machine's apt cache into `dir` (debootstrap takes those whose
 * versions match and downloads the rest). Nothing when the cache is on another file system.
 */
function linkHostDebs(dir) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(HOST_APT_ARCHIVES)) return;
  for (const name of readdirSync(HOST_APT_ARCHIVES)) {
    if (!name.endsWith('.deb')) continue;
    try {
      linkSync(path.join(HOST_APT_ARCHIVES, name), path.join(dir, name));
    } catch {
      return;
    }
  }
}

function npmPackageDir() {
  const res = run('npm', ['root', '--global']);
  const dir = path.join(res.stdout.trim(), 'npm');
  check(existsSync(path.join(dir, 'package.json')), `npm's package not found in ${dir}`);
  return dir;
}

async function ensureBaseImages(work) {
  const images = baseImages();
  const wanted = Object.entries(images).flatMap(([kind, tags]) => [...tags].map((tag) => ({ kind, tag })));
  const absent = wanted.filter(({ tag }) => !imageExists(tag));
  if (absent.length === 0) {
    log(`base images present: ${wanted.map((w) => w.tag).join(', ')}`);
    return;
  }
  // Official images first (a registry may be reachable); a short timeout each, in parallel.
  await Promise.all(
    absent.map(({ tag }) =>
      runLogged('timeout', ['30', 'docker', 'pull', '-q', tag], path.join(work, 'pull.log')).then(
        () => log(`pulled ${tag}`),
        () => undefined,
      ),
    ),
  );
  const standins = absent.filter(({ tag }) => !imageExists(tag));
  if (standins.length === 0) return;
  log(`no registry for ${standins.map((s) => s.tag).join(', ')}: building local stand-ins`);
  if (!imageExists(STANDIN_BASE)) await buildStandinBase(work);
  // Independent builds from the one base, none downloading anything: all at once.
  await Promise.all(
    standins.map(async ({ kind, tag }) => {
      const t0 = Date.now();
      const context = path.join(work, `${kind}-context`);
      cpSync(path.join(STANDINS, kind), context, { recursive: true });
      if (kind === 'node') {
        copyFileSync(process.execPath, path.join(context, 'node'));
        cpSync(npmPackageDir(), path.join(context, 'npm'), { recursive: true });
      }
      await runLogged(
        'docker',
        [
          'build',
          '--force-rm',
          '--build-arg',
          `BASE_IMAGE=${STANDIN_BASE}`,
          '--label',
          STANDIN_LABEL,
          '-t',
          tag,
          context,
        ],
        path.join(work, `standin-${kind}.log`),
      );
      log(`stand-in ${tag} built in ${seconds(Date.now() - t0)}`);
    }),
  );
}

// ---- 3. the project ---------------------------------------------------------------------------------

/** PEM certificates of this machine's configured CA bundle that Node.js does not already trust. */
function extraCaCerts() {
  if (process.env.NPM_CA_CERTS) return process.env.NPM_CA_CERTS;
  let file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) {
    const res = spawnSync('npm', ['config', 'get', 'cafile'], { encoding: 'utf8' });
    const value = res.stdout?.trim();
    if (res.status === 0 && value && value !== 'null' && value !== 'undefined') file = value;
  }
  if (!file || !existsSync(file)) return '';
  const normalise = (pem) => pem.replace(/\s+/g, '');
  const known = new Set(tls.rootCertificates.map(normalise));
  const certs = readFileSync(file, 'utf8').match(
    /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
  );
  return (certs ?? []).filter((pem) => !known.has(normalise(pem))).join('\n');
}

/** The working tree's files (tracked and new, not ignored) copied to `dest`. */
function copyWorkingTree(dest) {
  const res = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  const files = [...new Set(res.stdout.split('\0').filter(Boolean))].filter((f) =>
    existsSync(path.join(ROOT, f)),
  );
  run('tar', ['-c', '--null', '-T', '-', '-f', path.join(dest, '..', 'tree.tar')], {
    input: files.join('\0'),
  });
  mkdirSync(dest, { recursive: true });
  run('tar', ['-x', '-f', path.join(dest, '..', 'tree.tar'), '-C', dest]);
  rmSync(path.join(dest, '..', 'tree.tar'));
}

const random = (bytes) => randomBytes(bytes).toString('hex');

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'lumira-compose-test-'));
  const repo = path.join(work, 'repo');
  const project = `lumiract${random(3)}`;
  const tag = `ct-${random(3)}`;
  const ports = {
    HTTP_PORT: await freePort(),
    DESK_PORT: await freePort(),
    API_PORT: await freePort(),
    SANDBOX_PORT: await freePort(),
    MAIL_CATCHER_HTTP_PORT: await freePort(),
    MAIL_CATCHER_SMTP_PORT: await freePort(),
  };
  const secrets = {
    POSTGRES_PASSWORD: random(16),
    JWT_SECRET: random(32),
    STRIPE_SECRET_KEY: `sk_test_${random(12)}`,
    STRIPE_PUBLISHABLE_KEY: `pk_test_${random(12)}`,
    STRIPE_WEBHOOK_SECRET: `whsec_${random(24)}`,
  };
  const site = `http://127.0.0.1:${ports.HTTP_PORT}`;
  const desk = `http://127.0.0.1:${ports.DESK_PORT}`;
  const api = `http://127.0.0.1:${ports.API_PORT}`;
  const sandbox = `http://127.0.0.1:${ports.SANDBOX_PORT}`;
  const catcher = `http://127.0.0.1:${ports.MAIL_CATCHER_HTTP_PORT}`;
  const env = {
    ...process.env,
    COMPOSE_PROJECT_NAME: project,
    COMPOSE_PROFILES: 'sandbox',
    LUMIRA_IMAGE_TAG: tag,
    NPM_CA_CERTS: '',
  };
  const compose = (args, options = {}) => run('docker-compose', args, { cwd: repo, env, ...options });
  let stackCreated = false;
  /** Containers and untagged images that existed before this run (everything else new is this run's). */
  let before = null;

  try {
    await step('docker, docker-compose, debootstrap, dockerd', ensureDocker);
    before = { containers: new Set(containerIds()), dangling: new Set(danglingImageIds()) };
    await step('base images (official or stand-ins)', () => ensureBaseImages(work));

    await step('copy of the working tree and its .env', () => {
      copyWorkingTree(repo);
      env.NPM_CA_CERTS = extraCaCerts();
      log(
        env.NPM_CA_CERTS
          ? `NPM_CA_CERTS: ${env.NPM_CA_CERTS.match(/BEGIN CERTIFICATE/g)?.length} extra CA certificate(s) of this machine`
          : 'NPM_CA_CERTS: none configured',
      );
      const dotenv = {
        PUBLIC_URL: `http://localhost:${ports.HTTP_PORT}`,
        DESK_URL: `http://localhost:${ports.DESK_PORT}`,
        APP_NAME: 'Lumira Oracle',
        ...ports,
        POSTGRES_DB: 'lumira',
        POSTGRES_USER: 'lumira',
        ...secrets,
        JWT_EXPIRES_IN: '7d',
        STRIPE_API_BASE: 'http://stripe-sandbox:12111',
        STRIPE_JS_URL: `http://localhost:${ports.SANDBOX_PORT}/v3/stripe.js`,
        SANDBOX_PUBLIC_URL: `http://localhost:${ports.SANDBOX_PORT}`,
        // The sandbox profile's mail catcher receives the API's e-mails (docs/deployment.md).
        SMTP_URL: 'smtp://mail-catcher:1025',
        MAIL_FROM: 'Lumira Oracle <no-reply@example.test>',
        TRUST_PROXY: '1',
        LOG_LEVEL: 'info',
        // Only the webhook may settle the order below (reconciliation runs once, at start).
        RECONCILE_INTERVAL_SECONDS: '0',
        // The demo experts (online) let the order below find an expert; production starts with none.
        SEED_DEMO_DATA: 'true',
      };
      writeFileSync(
        path.join(repo, '.env'),
        `${Object.entries(dotenv)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n')}\n`,
        { mode: 0o600 },
      );
    });

    await step('docker-compose build (project Dockerfiles, sandbox profile)', () =>
      // --force-rm: a failed step's container is removed too, not only those of the steps that passed.
      runLogged('docker-compose', ['build', '--force-rm'], path.join(work, 'build.log'), { cwd: repo, env }),
    );

    const upStarted = Date.now();
    await step('docker-compose up -d', () => {
      stackCreated = true;
      compose(['up', '-d']);
    });
    const services = compose(['config', '--services']).stdout.trim().split('\n').filter(Boolean);
    await step(`wait until healthy (${services.join(', ')})`, () => waitHealthy(compose, services, 240_000));
    const timeToHealthy = Date.now() - upStarted;

    await step('API /api/health and /api/ready', async () => {
      const health = await fetch(`${api}/api/health`);
      check(health.status === 200, `/api/health answered ${health.status}`);
      const ready = await fetch(`${api}/api/ready`);
      check(ready.status === 200, `/api/ready answered ${ready.status}: ${await ready.text()}`);
      const proxied = await fetch(`${site}/api/health`);
      check(proxied.status === 200, `/api/health through the site's nginx answered ${proxied.status}`);
    });

    await step('customer site and expert desk (no public source maps)', async () => {
      for (const [name, base] of [
        ['site', site],
        ['desk', desk],
      ]) {
        const res = await fetch(`${base}/`);
        const html = await res.text();
        check(res.status === 200 && html.includes('<div id="root">'), `${name} / answered ${res.status}`);
        const route = await fetch(`${base}/some/client/route`);
        check(route.status === 200, `${name}: a client-side route answered ${route.status}`);
        const script = html.match(/<script[^>]+src="(\/assets\/[^"]+\.js)"/)?.[1];
        check(script, `${name}: no module script in index.html`);
        const js = await fetch(`${base}${script}`);
        const code = await js.text();
        check(js.status === 200, `${name}: ${script} answered ${js.status}`);
        check(!code.includes('sourceMappingURL='), `${name}: ${script} points at a source map`);
        const map = await fetch(`${base}${script}.map`);
        check(map.status === 404, `${name}: ${script}.map answered ${map.status}`);
        if (name === 'site')
          check(
            html.includes(`http://localhost:${ports.SANDBOX_PORT}/v3/stripe.js`),
            'the site does not load Stripe.js from the sandbox (STRIPE_JS_URL)',
          );
        const proxied = await fetch(`${base}/api/catalog`);
        check(proxied.status === 200, `${name}: /api/catalog through nginx answered ${proxied.status}`);
      }
      const stripeJs = await fetch(`${sandbox}/v3/stripe.js`);
      check(stripeJs.status === 200, `the sandbox's Stripe.js answered ${stripeJs.status}`);
    });

    await step('one order paid end to end through the site (SSE through nginx, webhook, e-mails)', () =>
      payOneOrder({
        site,
        sandbox,
        catcher,
        publicUrl: `http://localhost:${ports.HTTP_PORT}`,
        secretKey: secrets.STRIPE_SECRET_KEY,
      }),
    );

    const measurements = opts.measure
      ? await step('measurements (image sizes, memory)', () => measure(compose, services, tag, timeToHealthy))
      : `  time from up to all healthy: ${seconds(timeToHealthy)} (--measure: memory, image sizes, processes)`;

    await step('deploy.sh --skip-build against the same images', () => {
      const res = run('bash', ['deploy.sh', '--skip-build'], {
        cwd: repo,
        env: { ...env, HEALTH_TIMEOUT: '180' },
      });
      check(res.stdout.includes('Lumira Oracle is up'), `deploy.sh did not report success:\n${res.stdout}`);
      check(res.stdout.includes('readiness: HTTP 200'), `deploy.sh saw the API not ready:\n${res.stdout}`);
    });

    await step("docs/deployment.md's create-staff command, then that login", () =>
      createStaffFromDocs({ repo, env, site }),
    );

    console.log(`\n[compose-test] measurements\n${measurements}`);
  } catch (error) {
    if (stackCreated) {
      log('failure: state of the stack and its last log lines');
      console.log(compose(['ps'], { allowFail: true }).stdout);
      console.log(compose(['logs', '--no-color', '--tail', '60'], { allowFail: true }).stdout);
    }
    throw error;
  } finally {
    if (opts['keep-up'] && stackCreated) {
      log(
        `left running; to remove: cd ${repo} && COMPOSE_PROFILES=sandbox docker-compose -p ${project} down -v`,
      );
    } else {
      await step('down -v and cleanup', () => {
        if (existsSync(repo)) compose(['down', '-v', '--remove-orphans'], { allowFail: true });
        // The images this run built (not the base images: `down --rmi all` would delete those too).
        const built = BUILT_SERVICES.map((service) => `lumira/${service}:${tag}`).filter(imageExists);
        if (built.length > 0) run('docker', ['rmi', ...built], { allowFail: true });
        if (before) removeDebris(before, { keepImages: Boolean(opts['keep-cache']) });
        rmSync(work, { recursive: true, force: true });
        for (const dir of cleanupPaths) rmSync(dir, { recursive: true, force: true });
      });
    }
    await stopDockerdIfStarted();
    const total = Date.now() - started;
    console.log('\n[compose-test] step times');
    for (const [name, ms] of timings) console.log(`  ${seconds(ms).padStart(8)}  ${name}`);
    console.log(`  ${seconds(total).padStart(8)}  total`);
  }
}

const lines = (res) => res.stdout.split('\n').filter(Boolean);
const containerIds = () => lines(run('docker', ['ps', '-aq', '--no-trunc']));
const danglingImageIds = () =>
  lines(run('docker', ['images', '-q', '--no-trunc', '--filter', 'dangling=true'])).filter(
    (id, i, all) => all.indexOf(id) === i,
  );

/**
 * What this run's builds left behind, whether they passed or failed: containers that are not running
 * (a failed build step's, a stand-in build's) and, unless they are kept as build cache, the untagged
 * images (the last layer of each non-final stage, or of a build that failed; removing one removes its
 * untagged parents). Containers and images that existed before the run are left alone.
 */
function removeDebris(before, { keepImages }) {
  const running = new Set(lines(run('docker', ['ps', '-q', '--no-trunc'])));
  const containers = containerIds().filter((id) => !before.containers.has(id) && !running.has(id));
  if (containers.length > 0) run('docker', ['rm', '-f', ...containers], { allowFail: true });
  if (keepImages) return;
  const images = danglingImageIds().filter((id) => !before.dangling.has(id));
  if (images.length > 0) run('docker', ['rmi', ...images], { allowFail: true });
}

// ---- 4. the checks ----------------------------------------------------------------------------------

function containerState(id) {
  const res = run(
    'docker',
    [
      'inspect',
      '--format',
      '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}',
      id,
    ],
    { allowFail: true },
  );
  return res.stdout.trim() || 'unknown';
}

async function waitHealthy(compose, services, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let states = {};
  while (Date.now() < deadline) {
    states = {};
    for (const service of services) {
      const id = compose(['ps', '-q', service], { allowFail: true }).stdout.trim();
      states[service] = id ? containerState(id) : 'missing';
    }
    // `unhealthy` may pass (a health check that timed out on a busy host); a stopped container does not.
    const bad = Object.entries(states).filter(([, s]) => ['exited', 'dead', 'missing'].includes(s));
    check(bad.length === 0, `containers failed: ${JSON.stringify(states)}`);
    if (Object.values(states).every((s) => s === 'healthy')) return;
    await sleep(2000);
  }
  throw new StepError(`not healthy after ${timeoutMs / 1000} s: ${JSON.stringify(states)}`);
}

/** Opens an SSE stream; `next(predicate)` resolves with the first event (parsed data) matching it. */
function openEventStream(url) {
  const events = [];
  const waiters = [];
  let failure = null;
  const request = http.get(url, { headers: { accept: 'text/event-stream' } }, (res) => {
    if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('text/event-stream')) {
      failure = new StepError(`SSE ${url} answered ${res.statusCode} ${res.headers['content-type']}`);
      for (const w of waiters) w.reject(failure);
      res.resume();
      return;
    }
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk) => {
      buffer += chunk;
      let cut = buffer.indexOf('\n\n');
      while (cut !== -1) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        if (data) {
          const event = JSON.parse(data);
          events.push(event);
          for (const w of [...waiters]) {
            if (w.predicate(event)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(event);
            }
          }
        }
        cut = buffer.indexOf('\n\n');
      }
    });
  });
  request.on('error', (error) => {
    failure = error;
    for (const w of waiters) w.reject(error);
  });
  return {
    next(predicate, timeoutMs) {
      if (failure) return Promise.reject(failure);
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve, reject };
        waiters.push(waiter);
        setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new StepError(
              `no matching SSE event within ${timeoutMs / 1000} s; got ${JSON.stringify(events)}`,
            ),
          );
        }, timeoutMs).unref();
      });
    },
    close: () => request.destroy(),
  };
}

async function payOneOrder({ site, sandbox, catcher, publicUrl, secretKey }) {
  const customerEmail = `compose-test-${random(4)}@example.test`;
  const created = await fetch(`${site}/api/payments/create-payment-intent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `compose-test-${random(8)}` },
    body: JSON.stringify({
      level: 'basic',
      customerEmail,
      customerName: 'Test',
    }),
  });
  const order = await created.json();
  check(
    created.status === 200 || created.status === 201,
    `create-payment-intent: ${created.status} ${JSON.stringify(order)}`,
  );
  const paymentIntentId = String(order.clientSecret).split('_secret_')[0];
  check(paymentIntentId.startsWith('pi_'), `unexpected client secret shape for ${order.orderId}`);

  const stream = openEventStream(
    `${site}/api/payments/order/${order.orderId}/events?token=${encodeURIComponent(order.orderAccessToken)}`,
  );
  try {
    const first = await stream.next((e) => e.type === 'order.updated', 15_000);
    check(first.order.status !== 'paid', `order ${order.orderId} is already ${first.order.status}`);

    const confirmed = await fetch(`${sandbox}/v1/payment_intents/${paymentIntentId}/confirm`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'payment_method=pm_card_visa',
    });
    const intent = await confirmed.json();
    check(
      confirmed.status === 200 && intent.status === 'succeeded',
      `sandbox confirm: ${confirmed.status} ${intent.status}`,
    );

    // No browser return call: only the sandbox's webhook (through the site's nginx) can settle it.
    const paid = await stream.next((e) => e.type === 'order.updated' && e.order.status === 'paid', 60_000);
    check(paid.order.id === order.orderId, `SSE event of another order: ${paid.order.id}`);
  } finally {
    stream.close();
  }
  const read = await fetch(`${site}/api/payments/order/${order.orderId}`, {
    headers: { 'x-order-token': order.orderAccessToken },
  });
  const body = await read.json();
  const status = body.status ?? body.order?.status;
  check(read.status === 200 && status === 'paid', `order read after the webhook: ${read.status} ${status}`);
  log(`order ${order.orderId} (${paymentIntentId}) paid by the webhook`);

  // The outbox worker sends the confirmation and the receipt (the invoice attached) over SMTP to the
  // mail catcher; read them through its published Mailpit-compatible API.
  const deadline = Date.now() + 90_000;
  let found = [];
  while (Date.now() < deadline) {
    const res = await fetch(`${catcher}/api/v1/search?query=${encodeURIComponent(`to:${customerEmail}`)}`);
    check(res.status === 200, `mail catcher /api/v1/search answered ${res.status}`);
    found = (await res.json()).messages ?? [];
    const confirmation = found.find((m) => /confirmée/.test(m.Subject));
    const receipt = found.find((m) => /facture/.test(m.Subject));
    if (confirmation && receipt) {
      const full = await (await fetch(`${catcher}/api/v1/message/${confirmation.ID}`)).json();
      check(
        full.Text.includes(`${publicUrl}/`),
        `the confirmation e-mail has no link to the site (${publicUrl}):\n${full.Text}`,
      );
      check(receipt.Attachments >= 1, `the receipt e-mail has no attachment (the invoice PDF)`);
      log(
        `e-mails received by the catcher: "${confirmation.Subject}", "${receipt.Subject}" (invoice attached)`,
      );
      return;
    }
    await sleep(2000);
  }
  throw new StepError(
    `the mail catcher did not receive the order's e-mails within 90 s; got ${JSON.stringify(found.map((m) => m.Subject))}`,
  );
}

async function createStaffFromDocs({ repo, env, site }) {
  const docs = readFileSync(path.join(repo, 'docs/deployment.md'), 'utf8');
  const command = docs.match(/`(docker compose exec [^`]*create-staff[^`]*)`/)?.[1];
  check(command, 'docs/deployment.md has no `docker compose exec ... create-staff ...` command');
  const password = `Pw-${random(12)}`;
  const email = `staff-${random(4)}@example.test`;
  const concrete = command
    .replace(/^docker compose /, 'docker-compose ')
    .replace("LUMIRA_STAFF_PASSWORD='…'", `LUMIRA_STAFF_PASSWORD='${password}'`)
    .replace('you@example.fr', email);
  check(concrete.includes(password) && concrete.includes(email), `unexpected command shape: ${command}`);
  const res = run('sh', ['-c', concrete], { cwd: repo, env, allowFail: true });
  check(res.status === 0, `\`${command}\` exited with ${res.status}:\n${res.stdout}\n${res.stderr}`);
  const login = await fetch(`${site}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await login.json();
  check(login.status === 200 && body.user?.role === 'admin', `login of the new admin: ${login.status}`);
}

async function measure(compose, services, tag, timeToHealthy) {
  const lines = [`  time from up to all healthy: ${seconds(timeToHealthy)}`];
  const ids = Object.fromEntries(
    services.map((s) => [compose(['ps', '-q', s], { allowFail: true }).stdout.trim(), s]),
  );
  const stats = run(
    'docker',
    ['stats', '--no-stream', '--format', '{{.ID}} {{.MemUsage}}', ...Object.keys(ids)],
    {
      allowFail: true,
    },
  );
  for (const line of stats.stdout.trim().split('\n')) {
    const [id, ...usage] = line.split(' ');
    const service = Object.entries(ids).find(([full]) => full.startsWith(id))?.[1] ?? id;
    lines.push(`  memory ${service.padEnd(16)} ${usage.join(' ')}`);
  }
  for (const service of BUILT_SERVICES) {
    const res = run('docker', ['image', 'inspect', '--format', '{{.Size}}', `lumira/${service}:${tag}`], {
      allowFail: true,
    });
    const mb = (Number(res.stdout.trim()) / 1e6).toFixed(0);
    lines.push(`  image lumira/${service.padEnd(16)} ${mb} MB`);
  }
  const top = run('docker', ['top', Object.keys(ids).find((id) => ids[id] === 'api-backend') ?? ''], {
    allowFail: true,
  });
  lines.push(`  processes in the api-backend container:\n${top.stdout.trim().replace(/^/gm, '    ')}`);
  return lines.join('\n');
}

main().then(
  () => {
    log('PASS');
    process.exit(0);
  },
  (error) => {
    const cause = error?.cause ? `\ncaused by: ${error.cause.stack ?? error.cause}` : '';
    console.error(
      `\n[compose-test] FAIL: ${error instanceof StepError ? error.message : error?.stack}${cause}`,
    );
    process.exit(1);
  },
);
