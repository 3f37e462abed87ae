import type { DeskOrdersQuery } from '@lumira/shared';
import type { Request, Response } from 'express';
import { listDeskOrders } from '../../../domain/sessions/list-desk-orders';
import { expertIdOf } from './expert-id';

export async function getDeskOrders(req: Request, res: Response): Promise<void> {
  const query = req.valid.query as DeskOrdersQuery;
  res.json(
    await listDeskOrders(req.ctx, {
      expertId: expertIdOf(req),
      status: query.status,
      cursor: query.cursor,
      pageSize: query.pageSize,
    }),
  );
}
