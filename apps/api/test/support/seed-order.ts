import { randomUUID } from 'node:crypto';
import { DEMO_SHOP, type OrderNotification } from '@checkout/invoicebox';
import type { Database } from '../../src/db/client.js';
import { orderLines, orders } from '../../src/db/schema.js';

/** A bare order row in `status` (no lines, not known to Invoicebox): for tests of status changes alone. */
export async function insertBareOrder(database: Database, status: string): Promise<string> {
  const id = randomUUID();
  await database.db.insert(orders).values({
    id,
    status,
    customerType: 'private',
    customerName: 'Тест',
    customerEmail: 't@example.ru',
    customerPhone: '79000000000',
    amount: 100,
    vatAmount: 0,
    idempotencyKey: randomUUID(),
  });
  return id;
}

/**
 * An order as checkout leaves it (awaiting payment, known to Invoicebox), written straight to the database,
 * plus the Invoicebox order JSON a notification about it carries. For route tests that need no sandbox.
 */
export async function seedAwaitingOrder(database: Database, amount = 69_800) {
  const id = randomUUID();
  const invoiceboxId = randomUUID();
  await database.db.insert(orders).values({
    id,
    status: 'awaiting_payment',
    customerType: 'private',
    customerName: 'Иван Петров',
    customerEmail: 'ivan@example.ru',
    customerPhone: '79001234567',
    amount,
    vatAmount: 12_587,
    invoiceboxOrderId: invoiceboxId,
    paymentUrl: `http://localhost:4010/order/${invoiceboxId}`,
    idempotencyKey: randomUUID(),
  });
  await database.db.insert(orderLines).values({
    orderId: id,
    position: 0,
    sku: 'TEA-100',
    name: 'Иван-чай листовой, 100 г',
    quantity: 2,
    unitPrice: 34_900,
    total: 69_800,
    vatCode: 'RUS_VAT22',
    vatAmount: 12_587,
    measure: 'шт',
    measureCode: '796',
    itemType: 'commodity',
    paymentType: 'full_prepayment',
  });
  const remote: OrderNotification = {
    id: invoiceboxId,
    description: 'Заказ № 1001',
    currencyId: 'RUB',
    amount: amount / 100,
    vatAmount: 125.87,
    basketItems: [],
    orderContainerId: randomUUID(),
    merchantId: DEMO_SHOP.merchantId,
    status: 'created',
    subtype: 'order',
    createdAt: '2026-11-29T07:00:00+00:00',
    merchantOrderId: id,
    merchantOrderIdVisible: '1001',
    expirationDate: '2026-11-30T07:00:00+00:00',
    fileIds: [],
    paymentUrl: `http://localhost:4010/order/${invoiceboxId}`,
    customer: { type: 'private', name: 'Иван Петров', phone: '79001234567', email: 'ivan@example.ru' },
    languageId: 'ru',
    processable: true,
  };
  return { orderId: id, remote };
}
