/**
 * Ids are 24 lowercase hex characters, like the original design's MongoDB ObjectIds:
 * 4 bytes of seconds since the epoch (so ids sort roughly by creation) + 8 random bytes.
 */
import { randomBytes } from 'node:crypto';

export function newId(now: Date = new Date()): string {
  const seconds = Math.floor(now.getTime() / 1000) >>> 0;
  return seconds.toString(16).padStart(8, '0') + randomBytes(8).toString('hex');
}
