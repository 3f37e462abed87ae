/**
 * One server per process for the bench (so the load generator does not share its event loop):
 * `express` = a bare Express 5 JSON route (the reference ceiling), `sandbox` = the Stripe sandbox.
 * Prints `READY <port>` once listening on 127.0.0.1.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { startSandbox } from '../src/index';

const which = process.argv[2];

// The bench asks for this process's CPU time (IPC) to compute CPU microseconds per request.
process.on('message', (m) => {
  if (m === 'cpu') process.send?.(process.cpuUsage());
});

if (which === 'express') {
  const app = express();
  app.use(express.json());
  app.post('/v1/payment_intents', (req, res) => {
    res.json({
      id: 'pi_bench',
      object: 'payment_intent',
      amount: req.body.amount,
      currency: req.body.currency,
    });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    console.log(`READY ${(server.address() as AddressInfo).port}`);
  });
} else if (which === 'sandbox') {
  const sandbox = await startSandbox({ port: 0 });
  console.log(`READY ${sandbox.port}`);
} else {
  console.error('usage: bench-server.ts express|sandbox');
  process.exit(2);
}
