import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type CreateOrderRequest, DEMO_SHOP, formatAtomDate } from '@checkout/invoicebox';
import type { MerchantConfig } from '../../src/index.js';

export const AUTH = { authorization: `Bearer ${DEMO_SHOP.token}` };

export const inOneDay = () => formatAtomDate(new Date(Date.now() + 86_400_000));

// Invoicebox's documented example, not the SDK's: one copy of the docs' data, kept beside the SDK's fixtures.
const DOCS_ORDER = new URL(
  '../../../../packages/invoicebox/test/fixtures/invoicebox-docs/create-order-request.json',
  import.meta.url,
);

/** The create-order example from the docs (§5.1): 3 × 123.96 RUS_VAT20 = 371.88, VAT 61.98, for the demo shop. */
export function docsOrder(overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest {
  const docs = JSON.parse(readFileSync(DOCS_ORDER, 'utf8')) as CreateOrderRequest;
  return {
    ...docs,
    merchantId: DEMO_SHOP.merchantId,
    merchantOrderId: `m-${randomUUID()}`,
    expirationDate: inOneDay(),
    ...overrides,
  };
}

/** Two lines (for partial refunds): 2 × 349.00 VAT 20% + 1 × 3000.00 without VAT. */
export function twoLineOrder(overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest {
  return docsOrder({
    amount: 3698,
    vatAmount: 116.33,
    basketItems: [
      {
        sku: 'TEA-100',
        name: 'Чай',
        measure: 'шт',
        measureCode: '796',
        quantity: 2,
        amount: 349,
        amountWoVat: 290.83,
        totalAmount: 698,
        totalVatAmount: 116.33,
        vatCode: 'RUS_VAT20',
        type: 'commodity',
        paymentType: 'full_prepayment',
      },
      {
        sku: 'KETTLE',
        name: 'Чайник',
        measure: 'шт',
        measureCode: '796',
        quantity: 1,
        amount: 3000,
        amountWoVat: 3000,
        totalAmount: 3000,
        totalVatAmount: 0,
        vatCode: 'VATNONE',
        type: 'commodity',
        paymentType: 'full_prepayment',
      },
    ],
    ...overrides,
  });
}

export async function control(base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: parseJson(await response.text()) };
}

/** Polls until `check` returns a value (bounded: no timing assertion, just a ceiling for a hung test). */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  ms = 5000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A refund order's fields, in the order the docs give them (§5.9). */
export const REFUND_ORDER_FIELDS = [
  'id',
  'parentId',
  'description',
  'merchantOrderId',
  'merchantId',
  'amount',
  'vatAmount',
  'currencyId',
  'basketItems',
  'createdAt',
  'status',
];

/** The demo shop, notifying `notificationUrl` (port 9 = discard: nothing answers) instead of localhost:3000. */
export const demoShop = (notificationUrl = 'http://127.0.0.1:9/webhooks'): MerchantConfig[] => [
  { ...DEMO_SHOP, name: 'Демо-магазин', notificationUrl },
];

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response JSON and assert on it.
export type Json = any;
export const parseJson = (text: string): Json => JSON.parse(text);
