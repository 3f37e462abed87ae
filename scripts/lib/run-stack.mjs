// The local stack, shared by `npm start` (production builds of the front ends) and `npm run dev`
// (hot reload): the Stripe sandbox, the API with embedded PostgreSQL, the customer site and the desk,
// wired together with no configuration. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makePrefix, startService, stopServices } from './processes.mjs';
import {
  apiEnv,
  assertPortsFree,
  banner,
  baseChildEnv,
  claimDataDir,
  loadDevSecrets,
  mailCatcherEnv,
  readStackConfig,
  sandboxEnv,
  urls,
  waitForHttp,
  webEnv,
} from './stack.mjs';
import { startStaticServer } from './static-server.mjs';
import { buildWebApp } from './web-build.mjs';

const NAMES = ['sandbox', 'api', 'main-app', 'expert-desk', 'main-app build', 'expert-desk build', 'mail'];
const WIDTH = Math.max(...NAMES.map((n) => n.length));
/** @param {string} name */
const prefixFor = (name) => makePrefix(name, Math.max(0, NAMES.indexOf(name)) % 4, WIDTH);
const info = (/** @type {string} */ text) =>
  process.stdout.write(`${makePrefix('lumira', 5, WIDTH)}${text}\n`);

/** @param {{ mode: 'start' | 'dev' }} options */
export async function runStack({ mode }) {
  const startedAt = performance.now();
  const since = () => `(${((performance.now() - startedAt) / 1000).toFixed(1)} s)`;
  let config;
  let releaseDataDir = () => {};
  try {
    config = readStackConfig();
    await assertPortsFree(config, ['api', 'sandbox', 'web', 'desk', 'pg', 'mailSmtp', 'mail']);
    releaseDataDir = claimDataDir(config.dataDir);
  } catch (error) {
    process.stderr.write(`Cannot start the local stack:\n${/** @type {Error} */ (error).message}\n`);
    process.exit(1);
  }
  const secrets = loadDevSecrets(config.dataDir);
  mkdirSync(join(config.dataDir, 'sandbox'), { recursive: true });
  const root = config.root;
  const u = urls(config);
  const childEnv = baseChildEnv();

  // Stops the services even if this process is killed without a chance to do it (kill -9).
  const watchdog =
    process.platform === 'win32'
      ? null
      : spawn(process.execPath, [join(root, 'scripts', 'lib', 'watchdog.mjs')], {
          detached: true,
          stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        });
  watchdog?.on('error', () => {});
  watchdog?.unref();
  watchdog?.channel?.unref();
  /** Ends the watchdog and reaps it (no zombie left for whoever adopts it). */
  const stopWatchdog = async () => {
    if (!watchdog || watchdog.exitCode !== null || watchdog.signalCode !== null) return;
    const exited = new Promise((resolve) => watchdog.once('exit', resolve));
    if (watchdog.connected) watchdog.send({ done: true }, () => {});
    else watchdog.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
  };

  /** @type {import('./processes.mjs').Service[]} */
  const services = [];
  /** @type {{ close(): Promise<void> }[]} */
  const servers = [];
  let stopping = false;

  /** @param {number} code @param {string} [reason] */
  const shutdown = async (code, reason) => {
    if (stopping) return;
    stopping = true;
    if (reason) process.stderr.write(`\n${reason}\n`);
    info('stopping...');
    await Promise.all(servers.map((s) => s.close()));
    await stopServices(services);
    await stopWatchdog();
    releaseDataDir();
    info('stopped.');
    process.exit(code);
  };
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => {
      if (stopping) info('still stopping, please wait...');
      void shutdown(signal === 'SIGINT' ? 0 : 128 + (signal === 'SIGTERM' ? 15 : 1));
    });
  }
  process.on('uncaughtException', (error) => void shutdown(1, `Unexpected error: ${error.stack ?? error}`));
  process.on('unhandledRejection', (error) => void shutdown(1, `Unexpected error: ${String(error)}`));
  // stdout closed by whoever reads us (a pipe): keep running, stop writing there.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});

  /** @param {import('./processes.mjs').Service} service */
  const track = (service) => {
    services.push(service);
    if (watchdog?.connected && service.pid > 0) watchdog.send({ add: service.pid }, () => {});
    void service.exited.then(({ code, signal }) => {
      if (stopping || service.name.endsWith(' build')) return;
      void shutdown(1, `${service.name} exited (${signal ?? `code ${code}`}); stopping the stack.`);
    });
    return service;
  };
  /** Fails the wait as soon as a service died. */
  const abort = () => {
    const dead = services.find((s) => !s.isRunning() && !s.name.endsWith(' build'));
    return dead ? `${dead.name} exited before it was ready` : null;
  };

  info(`starting (${mode}) with data in ${config.dataDir}`);
  const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  track(
    startService({
      name: 'sandbox',
      ...(mode === 'dev'
        ? {
            command: process.execPath,
            args: [tsxCli, 'watch', 'src/cli.ts'],
            cwd: join(root, 'packages', 'stripe-sandbox'),
          }
        : { command: 'npm', args: ['run', 'start', '-w', '@lumira/stripe-sandbox'], cwd: root }),
      env: { ...childEnv, ...sandboxEnv(config, secrets) },
      prefix: prefixFor('sandbox'),
    }),
  );
  track(
    startService({
      name: 'mail',
      ...(mode === 'dev'
        ? {
            command: process.execPath,
            args: [tsxCli, 'watch', 'src/cli.ts'],
            cwd: join(root, 'packages', 'mail-catcher'),
          }
        : { command: 'npm', args: ['run', 'start', '-w', '@lumira/mail-catcher'], cwd: root }),
      env: { ...childEnv, ...mailCatcherEnv(config) },
      prefix: prefixFor('mail'),
    }),
  );
  track(
    startService({
      name: 'api',
      command: 'npm',
      args: ['run', mode === 'dev' ? 'dev' : 'start', '-w', '@lumira/api-backend'],
      cwd: root,
      env: { ...childEnv, ...apiEnv(config, secrets) },
      prefix: prefixFor('api'),
    }),
  );

  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // LUMIRA_NO_WEB=1: only the sandbox and the API (benchmarks, API work).
  const web = process.env.LUMIRA_NO_WEB
    ? []
    : [
        { app: 'main-app', port: config.ports.web, url: u.web },
        { app: 'expert-desk', port: config.ports.desk, url: u.desk },
      ];
  /** @param {{ app: string; port: number }} w */
  const startWeb = async ({ app, port }) => {
    if (mode === 'dev') {
      track(
        startService({
          name: app,
          command: process.execPath,
          args: [vite, '--port', String(port), '--strictPort', '--host', config.host],
          cwd: join(root, 'apps', app),
          env: { ...childEnv, ...webEnv(config) },
          prefix: prefixFor(app),
        }),
      );
      await waitForHttp(`http://${config.host}:${port}/`, { timeoutMs: 60_000, abort });
      return;
    }
    const build = await buildWebApp({
      root,
      app,
      env: webEnv(config),
      childEnv,
      prefix: prefixFor(`${app} build`),
      track,
    });
    if (stopping) return;
    servers.push(await startStaticServer({ root: build.dir, port, host: config.host }));
    info(`${app} ready ${since()} (${build.cached ? 'build unchanged, reused' : 'built'})`);
  };

  try {
    await Promise.all([
      waitForHttp(`${u.sandbox}/_sandbox/health`, { timeoutMs: 60_000, abort }).then(() =>
        info(`sandbox ready ${since()}`),
      ),
      waitForHttp(`${u.mail}/api/v1/info`, { timeoutMs: 60_000, abort }).then(() =>
        info(`mail catcher ready ${since()}`),
      ),
      waitForHttp(`${u.apiLocal}/api/ready`, { timeoutMs: 120_000, abort }).then(() =>
        info(`API ready ${since()}`),
      ),
      ...web.map(startWeb),
    ]);
  } catch (error) {
    await shutdown(1, `The local stack did not start: ${/** @type {Error} */ (error).message}`);
    return;
  }
  if (stopping) return;
  process.stdout.write(
    banner(config, {
      mode: mode === 'dev' ? 'development, hot reload' : 'local',
      seconds: (performance.now() - startedAt) / 1000,
      web: web.length > 0,
    }),
  );
}
