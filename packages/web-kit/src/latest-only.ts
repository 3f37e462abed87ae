/**
 * The stale-answer guard: of several calls started one after the other, only the answer of the last one
 * started may be applied. `begin()` marks a new call and returns its `isCurrent` check; `cancel()`
 * makes every call started so far stale (an unmounted page applies nothing).
 */
export function latestOnly() {
  let round = 0;
  return {
    begin(): () => boolean {
      const mine = ++round;
      return () => mine === round;
    },
    cancel(): void {
      round++;
    },
  };
}
