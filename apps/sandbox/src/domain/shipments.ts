import { fromKopecks, toKopecks } from '@checkout/invoicebox';
import { ApiError, validationError } from '../api-error.js';
import type { SandboxContext } from '../context.js';
import { createShipmentRequestSchema } from '../protocol/shipment-requests.js';
import { atomNow } from '../time.js';
import type { MerchantConfig, ShipmentJson } from '../types.js';
import { checkBasket, merchantOrder } from './create-order.js';
import { captureOnFinalShipment, checkShippable } from './holds.js';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function createShipment(ctx: SandboxContext, merchant: MerchantConfig, body: unknown): ShipmentJson {
  const parsed = createShipmentRequestSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const request = parsed.data;
  const record = merchantOrder(ctx, merchant, request.orderId);
  checkShippable(ctx, record);
  const amount = sum(request.basketItems.map((i) => toKopecks(i.totalAmount)));
  const vatAmount = sum(request.basketItems.map((i) => toKopecks(i.totalVatAmount)));
  checkBasket(
    { amount: fromKopecks(amount), vatAmount: fromKopecks(vatAmount), basketItems: request.basketItems },
    undefined,
  );
  const shipped = sum(
    ctx.store.data.shipments.filter((s) => s.orderId === record.order.id).map((s) => toKopecks(s.amount)),
  );
  if (shipped + amount > toKopecks(record.order.amount)) {
    const message = 'shipments would exceed the order amount';
    throw new ApiError(422, 'wrong_total_amount', message, [
      { name: 'basketItems', code: 'wrong_value', message },
    ]);
  }
  const shipment: ShipmentJson = {
    id: ctx.store.data.nextShipmentId++,
    orderId: record.order.id,
    merchantId: merchant.merchantId,
    ...(request.documentNumber === undefined ? {} : { documentNumber: request.documentNumber }),
    ...(request.documentDate === undefined ? {} : { documentDate: request.documentDate }),
    basketItems: request.basketItems,
    final: request.final ?? false,
    status: 'completed',
    amount: fromKopecks(amount),
    vatAmount: fromKopecks(vatAmount),
    createdAt: atomNow(),
  };
  ctx.store.data.shipments.push(shipment);
  ctx.store.changed();
  captureOnFinalShipment(ctx, record, shipment.final);
  return shipment;
}
