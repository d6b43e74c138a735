import type { FastifyInstance, FastifyRequest } from 'fastify';
import { queryPairs, sendData, sendList } from '../api-reply.js';
import { createShipment } from '../domain/shipments.js';
import { applyFilter } from '../filter.js';
import { type ApiDeps, merchantOf } from './api-deps.js';

const SHIPMENT_FILTER_FIELDS = [
  'id',
  'orderId',
  'merchantId',
  'status',
  'documentNumber',
  'createdAt',
  'amount',
  'final',
];

export function shipmentRoutes(app: FastifyInstance, deps: ApiDeps) {
  const { ctx } = deps;

  app.post('/billing/api/order/shipment', async (request, reply) => {
    const merchant = merchantOf(deps, request);
    return sendData(reply, createShipment(ctx, merchant, request.body));
  });

  const list = async (request: FastifyRequest, reply: Parameters<typeof sendList>[0]) => {
    const merchant = merchantOf(deps, request);
    const shipments = ctx.store.data.shipments.filter((s) => s.merchantId === merchant.merchantId);
    return sendList(reply, applyFilter(shipments, queryPairs(request), SHIPMENT_FILTER_FIELDS));
  };
  // The docs list shipments under /filter/; Invoicebox's own MCP client reads them under /billing/.
  app.get('/billing/api/order/shipment', list);
  app.get('/filter/api/order/shipment', list);
}
