import { Router } from 'express';
import type { AppContext } from '../../../context';
export declare function createAdminOrdersRouter(_ctx: AppContext): Router;
