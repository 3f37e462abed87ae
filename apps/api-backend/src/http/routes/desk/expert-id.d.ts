import type { Request } from 'express';
/** The signed-in expert's id (requireAuth('expert') ran before). */
export declare function expertIdOf(req: Request): string;
