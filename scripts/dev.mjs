#!/usr/bin/env node
// `npm run dev`: the same stack as `npm start` with hot reload (tsx watch for the sandbox and the API,
// Vite dev servers for the front ends). Same ports, environment variables and data directory.
import { runStack } from './lib/run-stack.mjs';

await runStack({ mode: 'dev' });
