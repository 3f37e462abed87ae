export type ThreeDSMode = 'manual' | 'auto_complete' | 'auto_fail';
export const THREE_DS_MODES: readonly ThreeDSMode[] = ['manual', 'auto_complete', 'auto_fail'];

export interface SandboxOptions {
  /** 0 = a random free port (default 0 in-process; the CLI uses 12111). */
  port?: number;
  host?: string;
  /** One extra webhook endpoint receiving every event (besides endpoints created through the API). */
  webhookUrl?: string;
  /** Its signing secret (a `whsec_...` is generated when omitted). */
  webhookSecret?: string;
  /** Seconds to wait before each webhook retry (default [1, 2, 4, 8, 16]). */
  retrySchedule?: number[];
  /** Per-attempt webhook timeout in ms (default 10000). */
  webhookTimeoutMs?: number;
  threeDSMode?: ThreeDSMode;
  /** JSON file the state is loaded from and saved to. */
  persistFile?: string;
  /** Base URL browsers use to reach the sandbox (default `http://<host>:<port>`). */
  publicUrl?: string;
  /** Delay before pending refunds (test cards) settle or fail, in ms (default 1000). */
  refundSettleMs?: number;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  webhookUrl: string | undefined;
  webhookSecret: string;
  retrySchedule: number[];
  webhookTimeoutMs: number;
  threeDSMode: ThreeDSMode;
  persistFile: string | undefined;
  publicUrl: string | undefined;
  refundSettleMs: number;
}

export const DEFAULT_RETRY_SCHEDULE = [1, 2, 4, 8, 16];
