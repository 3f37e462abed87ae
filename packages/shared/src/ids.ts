import { z } from 'zod';

/** A MongoDB-style ObjectId: exactly 24 lowercase hexadecimal characters (ids kept from the original design). */
export const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/;

export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID_PATTERN.test(value);
}

export const ZObjectId = z
  .string()
  .regex(OBJECT_ID_PATTERN, { message: 'Must be 24 lowercase hexadecimal characters' });
export type ObjectId = z.infer<typeof ZObjectId>;
