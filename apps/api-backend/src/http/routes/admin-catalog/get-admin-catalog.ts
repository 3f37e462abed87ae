import type { CatalogResponse } from '@lumira/shared';
import type { Request, Response } from 'express';
import { listFullCatalog } from '../../../domain/catalog/list-catalog';

export async function getAdminCatalog(req: Request, res: Response): Promise<void> {
  const body: CatalogResponse = { tiers: await listFullCatalog(req.ctx) };
  res.json(body);
}
