#!/usr/bin/env node
// `npm start`: the whole product locally (Stripe sandbox, API + embedded PostgreSQL, customer site on
// 5173 and expert desk on 3002 served from production builds), zero configuration. See docs/deployment.md.
// Ports: LUMIRA_API_PORT, LUMIRA_SANDBOX_PORT, LUMIRA_WEB_PORT, LUMIRA_DESK_PORT, LUMIRA_PG_PORT; data: LUMIRA_DATA_DIR.
import { runStack } from './lib/run-stack.mjs';

await runStack({ mode: 'start' });
