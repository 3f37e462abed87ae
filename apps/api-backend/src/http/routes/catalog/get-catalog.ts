import type { CatalogResponse } from '@lumira/shared';
import type { Request, Response } from 'express';
import { listCatalog } from '../../../domain/catalog/list-catalog';

export async function getCatalog(req: Request, res: Response): Promise<void> {
  const body: CatalogResponse = { tiers: await listCatalog(req.ctx) };
  res.json(body);
}
