/**
 * Fault injection points for crash-safety tests. Production never registers a hook; a hook that throws
 * simulates a crash half-way through a transaction (the transaction must then leave no trace).
 * Hooks are keyed by the context object, so parallel test stacks in one process do not interfere.
 */
export const FAULT_POINTS = [
  'settle-payment.before-commit',
  'settle-refund.before-commit',
  'create-payment-intent.after-order',
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];
type Hook = () => void | Promise<void>;

const hooksByContext = new WeakMap<object, Map<FaultPoint, Hook>>();

export function injectFault(ctx: object, point: FaultPoint, hook: Hook | null): void {
  let hooks = hooksByContext.get(ctx);
  if (!hooks) {
    hooks = new Map();
    hooksByContext.set(ctx, hooks);
  }
  if (hook) hooks.set(point, hook);
  else hooks.delete(point);
}

export async function runFaultHook(ctx: object, point: FaultPoint): Promise<void> {
  const hook = hooksByContext.get(ctx)?.get(point);
  if (hook) await hook();
}
