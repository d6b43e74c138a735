import { randomUUID } from 'node:crypto';
import { DEMO_SHOP, serializeInvoiceboxJson, signNotification } from '@checkout/invoicebox';

export type SignedBody = { body: string; signature: string };

/**
 * A payment notification the way Invoicebox sends it (PHP-style JSON, HMAC-SHA1 over the exact bytes),
 * for an order the shop knows as `merchantOrderId`. Same shape as apps/api/bench uses.
 */
export function paymentNotification(opts: {
  merchantOrderId: string;
  invoiceboxId: string;
  amountKopecks: number;
  key?: string;
}): SignedBody {
  const roubles = opts.amountKopecks / 100;
  const body = serializeInvoiceboxJson({
    id: opts.invoiceboxId,
    description: `Заказ ${opts.merchantOrderId}`,
    currencyId: 'RUB',
    amount: roubles,
    vatAmount: 0,
    basketItems: [
      {
        sku: 'BENCH-1',
        name: 'Товар',
        measure: 'шт',
        measureCode: '796',
        quantity: 1,
        amount: roubles,
        amountWoVat: roubles,
        totalAmount: roubles,
        totalVatAmount: 0,
        vatCode: 'VATNONE',
        type: 'commodity',
        paymentType: 'full_prepayment',
      },
    ],
    orderContainerId: randomUUID(),
    merchantId: DEMO_SHOP.merchantId,
    status: 'completed',
    subtype: 'order',
    createdAt: '2026-11-29T07:00:00+00:00',
    merchantOrderId: opts.merchantOrderId,
    expirationDate: '2026-11-30T07:00:00+00:00',
    paymentUrl: `http://localhost:4010/order/${opts.invoiceboxId}`,
    customer: { type: 'private', name: 'Иван', phone: '79001234567', email: 'ivan@example.ru' },
    languageId: 'ru',
    processable: true,
  });
  return { body, signature: signNotification(body, opts.key ?? DEMO_SHOP.notificationKey) };
}

/** POSTs a body to the notification route; returns the HTTP status and the parsed answer (or the text). */
export async function deliver(
  apiUrl: string,
  body: string | Uint8Array<ArrayBuffer>,
  signature: string | undefined,
  timeoutMs = 10_000,
): Promise<{ status: number; answer: { status?: string; code?: string } | string }> {
  const response = await fetch(`${apiUrl}/webhooks/invoicebox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-signature': signature } : {}) },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  try {
    return { status: response.status, answer: JSON.parse(text) };
  } catch {
    return { status: response.status, answer: text };
  }
}
