#!/usr/bin/env node
// Placeholder replaced by the local-stack orchestrator.
console.log('Lumira Oracle: the local stack is being assembled.');
