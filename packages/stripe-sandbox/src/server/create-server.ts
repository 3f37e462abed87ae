import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RELEASE_TRAINS } from '../stripe-js/script-source';
import { createRequestListener } from './app';
import { createControlHandler } from './control/control-routes';
import { serveStripeJs } from './control/serve-stripe-js';
import type { SandboxOptions } from './options';
import { resumePendingRefunds } from './payments/refunds';
import { API_ROUTES } from './routes/api-routes';
import { Sandbox } from './sandbox';

export interface RunningSandbox {
  sandbox: Sandbox;
  server: http.Server;
  url: string;
  port: number;
}

export async function listen(options: SandboxOptions): Promise<RunningSandbox> {
  const sandbox = new Sandbox(options);
  resumePendingRefunds(sandbox);
  const control = createControlHandler(sandbox);
  const listener = createRequestListener(sandbox, {
    api: API_ROUTES,
    raw: [
      { prefix: '/_sandbox/', handle: (req, res, body) => control(req, res, body), openCors: false },
      { prefix: '/v3/', handle: (req, res) => serveStripeJs(req, res), openCors: true },
      ...RELEASE_TRAINS.map((train) => ({
        prefix: `/${train}/`,
        handle: (req: IncomingMessage, res: ServerResponse) => serveStripeJs(req, res),
        openCors: true,
      })),
    ],
  });
  const server = http.createServer({ keepAliveTimeout: 65_000 }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(sandbox.options.port, sandbox.options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = sandbox.options.host.includes(':') ? `[${sandbox.options.host}]` : sandbox.options.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  sandbox.baseUrl = sandbox.options.publicUrl ?? url;
  return { sandbox, server, url, port };
}
