import type { FastifyInstance } from 'fastify';
import { queryPairs, sendData, sendList } from '../api-reply.js';
import { createOrder, merchantOrder, updateOrder } from '../domain/create-order.js';
import { cancelOrder, refreshExpiry } from '../domain/order-lifecycle.js';
import { applyFilter } from '../filter.js';
import { canonicalStatus } from '../protocol/enums.js';
import { type ApiDeps, type IdParams, merchantOf } from './api-deps.js';

const ORDER_FILTER_FIELDS = [
  'id',
  'merchantOrderId',
  'merchantOrderIdVisible',
  'merchantId',
  'orderContainerId',
  'status',
  'createdAt',
  'paidAt',
  'expirationDate',
  'amount',
  'vatAmount',
  'currencyId',
  'description',
  'languageId',
  'parentId',
] as const;

export function orderRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { ctx } = deps;

  app.post('/billing/api/order/order', async (request, reply) => {
    const merchant = merchantOf(deps, request);
    return sendData(reply, createOrder(ctx, merchant, request.body));
  });

  app.get('/filter/api/order/order', async (request, reply) => {
    const merchant = merchantOf(deps, request);
    const orders = Object.values(ctx.store.data.orders)
      .filter((r) => r.order.merchantId === merchant.merchantId)
      .map((r) => refreshExpiry(ctx, r).order);
    const normalize = (field: string, value: string) => (field === 'status' ? canonicalStatus(value) : value);
    return sendList(reply, applyFilter(orders, queryPairs(request), ORDER_FILTER_FIELDS, normalize));
  });

  app.get<IdParams>('/billing/api/order/order/:id', async (request, reply) => {
    const merchant = merchantOf(deps, request);
    return sendData(reply, merchantOrder(ctx, merchant, request.params.id).order);
  });

  app.put<IdParams>('/billing/api/order/order/:id', async (request, reply) => {
    const merchant = merchantOf(deps, request);
    const record = merchantOrder(ctx, merchant, request.params.id);
    return sendData(reply, updateOrder(ctx, record, request.body));
  });

  app.delete<IdParams>('/billing/api/order/order/:id', async (request, reply) => {
    const merchant = merchantOf(deps, request);
    const record = merchantOrder(ctx, merchant, request.params.id);
    cancelOrder(ctx, record);
    return sendData(reply, record.order);
  });
}
