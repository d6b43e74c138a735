import type { FastifyInstance } from 'fastify';
import { queryPairs, sendData, sendList } from '../api-reply.js';
import { merchantOrder } from '../domain/create-order.js';
import { createRefund, publicRefund, refundableItems, remainingBasket } from '../domain/refunds.js';
import { applyFilter } from '../filter.js';
import { type ApiDeps, type IdParams, merchantOf } from './api-deps.js';

const REFUND_FILTER_FIELDS = [
  'id',
  'parentId',
  'status',
  'merchantId',
  'merchantOrderId',
  'createdAt',
  'amount',
];

export function refundRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { ctx } = deps;

  app.get<IdParams>('/billing/api/order/order/:id/refund-basket-item', async (request, reply) => {
    const merchant = merchantOf(deps, request);
    const record = merchantOrder(ctx, merchant, request.params.id);
    const rows =
      merchant.refundBasketAvailableAmount === false
        ? remainingBasket(ctx, record)
        : refundableItems(ctx, record);
    return sendData(reply, rows);
  });

  app.post('/billing/api/order/refund-order', async (request, reply) => {
    const merchant = merchantOf(deps, request);
    return sendData(reply, publicRefund(createRefund(ctx, merchant, request.body)));
  });

  app.get('/filter/api/order/refund-order', async (request, reply) => {
    const merchant = merchantOf(deps, request);
    const refunds = Object.values(ctx.store.data.refunds)
      .filter((r) => r.merchantId === merchant.merchantId)
      .map(publicRefund);
    return sendList(reply, applyFilter(refunds, queryPairs(request), REFUND_FILTER_FIELDS));
  });
}
