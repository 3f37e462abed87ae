import { Router } from 'express';
import type { AppContext } from '../../../context';
export declare function createDeskRouter(_ctx: AppContext): Router;
