import { randomUUID } from 'node:crypto';
import { expect, vi } from 'vitest';
import type { RunningApi } from '../../src/server.js';

export const privateCustomer = {
  type: 'private' as const,
  name: 'Иван Петров',
  email: 'ivan.petrov@example.ru',
  phone: '+7 900 123-45-67',
};

export const legalCustomer = {
  type: 'legal' as const,
  name: 'ООО «Ромашка»',
  email: 'buh@romashka.example',
  phone: '+79001112233',
  vatNumber: '7707083893',
  kpp: '773601001',
  registrationAddress: 'г. Москва, ул. Вавилова, д. 19',
};

export function checkoutInput(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    lines: [
      { sku: 'TEA-100', quantity: 2 },
      { sku: 'CONSULT-1H', quantity: 1 },
    ],
    customer: privateCustomer,
    ...overrides,
  };
}

/** TEA-100 x2 (349.00, 22 %) + CONSULT-1H x1 (3000.00, no VAT). */
export const CHECKOUT_AMOUNT = 2 * 34_900 + 300_000;

/** Waits (bounded) until the order reaches the status; notifications arrive asynchronously over HTTP. */
export async function waitForStatus(api: RunningApi, id: string, status: string, timeout = 10_000) {
  await vi.waitFor(
    async () => {
      const order = await api.caller().orders.byId({ id });
      expect(order.status).toBe(status);
    },
    { timeout, interval: 50 },
  );
}

/** A real shop's settings (no demo secret): what loadEnv needs outside a local setup. */
export const REAL_SHOP_ENV = {
  INVOICEBOX_TOKEN: 'a-real-shop-token-0123456789',
  INVOICEBOX_MERCHANT_ID: '2f4b8a6e-3c1d-4e5f-9a7b-0c1d2e3f4a5b',
  INVOICEBOX_NOTIFICATION_KEY: 'a-real-notification-key-01234',
  ADMIN_TOKEN: 'x'.repeat(32),
};
