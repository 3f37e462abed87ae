/** Types of pino-roll 4 (the package ships none): a SonicBoom file stream that rolls by size or time. */
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';

  export interface PinoRollOptions {
    /** Base path: files are `<file>.<n><extension>`. */
    file: string;
    /** Maximum size of one file (`10m`, `500k`, `1g`; a number is MB). */
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    /** `count`: rotated files kept besides the one in use. */
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    /** Maintain `current.log` next to the files, linking to the one in use. */
    symlink?: boolean;
    dateFormat?: string;
    mkdir?: boolean;
  }

  export default function pinoRoll(
    options: PinoRollOptions,
  ): Promise<DestinationStream & { end(): void; flushSync(): void }>;
}
