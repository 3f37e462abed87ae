// Started by the local stack with an IPC channel: it learns the process group of every service, and
// if the orchestrator disappears without stopping them (kill -9, a crashed test runner), the channel
// closes and the watchdog stops those groups (SIGTERM, then SIGKILL). After a normal stop it finds
// nothing left to do. It ignores Ctrl-C: the orchestrator handles that.
/** @type {Set<number>} */
const groups = new Set();

process.on('SIGINT', () => {});
process.on('message', (/** @type {{ add?: number; done?: boolean }} */ message) => {
  if (typeof message?.add === 'number' && message.add > 0) groups.add(message.add);
  if (message?.done) process.exit(0); // normal stop: the orchestrator stopped everything itself
});

/** @param {number} pgid */
function alive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** @param {number} pgid @param {NodeJS.Signals} signal */
function signal(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // gone
  }
}

process.on('disconnect', async () => {
  const left = [...groups].filter(alive);
  for (const pgid of left) signal(pgid, 'SIGTERM');
  const deadline = Date.now() + 6000;
  while (Date.now() < deadline && left.some(alive)) await new Promise((r) => setTimeout(r, 100));
  for (const pgid of left.filter(alive)) signal(pgid, 'SIGKILL');
  process.exit(0);
});
