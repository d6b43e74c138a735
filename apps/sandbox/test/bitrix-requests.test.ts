import { readFileSync } from 'node:fs';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { describe, expect, it } from 'vitest';
import { fill, phpDate, rawRequest } from './support/raw-request.js';
import { useSandbox } from './support/sandbox.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/bitrix/${name}`, import.meta.url), 'utf8');

// What the 1C-Bitrix module (invoicebox.payment, handler 2.0.13, API v3 mode) sends: line amounts and totals as
// strings with two decimals, quantities as PHP floats, an extra numeric `vatRate`, `NONE` for no VAT, delivery as
// a `delivery_<id>` service line, empty strings for unset URLs and customer fields, expiration now + 7 days in the
// server's offset, description "<text> (#<orderId>)", and its own User-Agent.
const HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json',
  'User-Agent': 'Bitrix/23.600.0 (Invoicebox 2.0.13)',
  Authorization: `Bearer ${DEMO_SHOP.token}`,
};

describe('requests as the 1C-Bitrix module builds them', () => {
  const sandbox = useSandbox();
  let nextOrder = Math.floor(Math.random() * 1e6);

  const create = async (name: string) => {
    const orderId = String(nextOrder++);
    const body = fill(fixture(name), { ORDER_ID: orderId, EXPIRATION: phpDate(7) });
    const res = await rawRequest(`${sandbox.url}/v3/billing/api/order/order`, 'POST', HEADERS, body);
    return { orderId, res };
  };

  // The module's own success test: HTTP 200, a paymentUrl and status "created".
  it.each([
    ['VAT from the payment-system settings, delivery line, NONE', 'create-order-settings-vat.json'],
    ['VAT from the catalogue (per-unit net price), weighed goods', 'create-order-catalogue-vat.json'],
  ])('%s: created', async (_name, file) => {
    const { orderId, res } = await create(file);
    expect(res.status).toBe(200);
    expect(res.json.data.status).toBe('created');
    expect(res.json.data.paymentUrl).toMatch(/^http:\/\/localhost:\d+\/order\/[0-9a-f-]{36}$/);
    expect(res.json.data.merchantOrderId).toBe(orderId);
    expect(res.json.data.description).toBe(`Оплата заказа в интернет-магазине (#${orderId})`);
  });

  it('numeric strings come back as numbers, vatRate is dropped, the delivery line and NONE are kept', async () => {
    const { res } = await create('create-order-settings-vat.json');
    const [kettle, delivery] = res.json.data.basketItems;
    expect(kettle).toMatchObject({ amount: 500, totalAmount: 1000, quantity: 2, vatCode: 'RUS_VAT20' });
    expect(kettle).not.toHaveProperty('vatRate');
    expect(delivery).toMatchObject({ sku: 'delivery_2', type: 'service', vatCode: 'NONE', amount: 270 });
    expect(res.json.data.amount).toBe(1270);
    // Empty URLs: notifications go to the order's own URL, the buyer lands on the sandbox's result page.
    expect(res.json.data.successUrl).toBe('');
  });

  it('the order shows on the payment page with "без НДС" for NONE', async () => {
    const { res } = await create('create-order-settings-vat.json');
    const page = await (await fetch(res.json.data.paymentUrl)).text();
    expect(page).toContain('Доставка курьером');
    expect(page).toContain('без НДС');
  });
});
