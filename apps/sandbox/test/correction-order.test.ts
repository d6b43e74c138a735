import { DEMO_SHOP, toKopecks, verifyNotification } from '@checkout/invoicebox';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { control, demoShop, docsOrder, eventually, type Json, twoLineOrder } from './support/fixtures.js';
import { startReceiver } from './support/receiver.js';
import { testSandbox, useCleanup, v3 } from './support/sandbox.js';

const ok = { status: 200, body: '{"status":"success"}' };

/** A create-order request holding one fee line (no VAT) of `amount` roubles, kept from refund `parentId`. */
function correctionOf(parentId: string, amount: number, overrides: Record<string, unknown> = {}) {
  return {
    ...docsOrder({
      description: 'Удержание за возврат',
      amount,
      vatAmount: 0,
      basketItems: [
        {
          sku: 'FEE',
          name: 'Комиссия за возврат',
          measure: 'шт',
          measureCode: '796',
          quantity: 1,
          amount,
          amountWoVat: amount,
          totalAmount: amount,
          totalVatAmount: 0,
          vatCode: 'VATNONE',
          type: 'service',
          paymentType: 'full_payment',
        },
      ],
    }),
    parentId,
    ...overrides,
  };
}

/** Posts a correction order: the fee kept from a refund. */
const correct = (sandbox: { url: string }, body: unknown) =>
  v3(sandbox, 'POST', '/billing/api/order/correction-order', body);

const TEA = twoLineOrder().basketItems[0]!;
const KETTLE = twoLineOrder().basketItems[1]!;
type Line = typeof TEA;

/** A refund request for the whole of one `line` of order `parentId`. */
const refundOf = (parentId: string, merchantOrderId: string, description: string, line: Line) => ({
  parentId,
  merchantOrderId,
  description,
  amount: line.totalAmount,
  vatAmount: line.totalVatAmount,
  basketItems: [line],
});

describe('POST /v3/billing/api/order/correction-order (refund with a fee kept)', () => {
  const defer = useCleanup();

  async function setup(refundCompletionDelayMs = 0) {
    const receiver = await startReceiver(() => ok);
    defer(receiver.close);
    const sandbox = await testSandbox({
      refundCompletionDelayMs,
      merchants: demoShop(receiver.url),
    });
    defer(sandbox.close);
    return { sandbox, receiver };
  }

  async function paidOrderWithDraftRefund(sandbox: RunningSandbox) {
    const order = (await v3(sandbox, 'POST', '/billing/api/order/order', twoLineOrder())).body.data;
    await control(sandbox.url, 'POST', `/_sandbox/orders/${order.id}/pay`, {});
    const refund = await v3(sandbox, 'POST', '/billing/api/order/refund-order', {
      ...refundOf(order.id, `r-${order.id}`, 'Возврат чайника', KETTLE),
      status: 'draft',
    });
    expect(refund.status).toBe(200);
    expect(refund.body.data).toMatchObject({ parentId: order.id, status: 'draft', amount: 3000 });
    return { order, refund: refund.body.data };
  }

  it('keeps the fee: the correction order is completed under the refund, the payer gets the rest', async () => {
    const { sandbox, receiver } = await setup();
    const { order, refund } = await paidOrderWithDraftRefund(sandbox);

    const res = await correct(sandbox, correctionOf(refund.id, 333.33));
    expect(res.status).toBe(200);
    const correction = res.body.data;
    expect(correction).toMatchObject({
      parentId: refund.id,
      status: 'completed',
      amount: 333.33,
      vatAmount: 0,
    });
    expect(correction.paidAt).toBeTruthy();
    expect(correction.id).not.toBe(order.id);

    // The refund moves on and completes like any other; its notification reports the refund itself.
    const notified = await eventually(() =>
      receiver.received
        .map((r) => verifyNotification(r.body, r.headers['x-signature'], DEMO_SHOP.notificationKey))
        .find((n) => n.id === refund.id),
    );
    expect(notified).toMatchObject({ id: refund.id, parentId: order.id, status: 'completed', amount: 3000 });
    const refunds = await v3(sandbox, 'GET', `/filter/api/order/refund-order?id=${refund.id}`);
    expect(refunds.body.data[0].status).toBe('completed');

    // The correction order is an order of its own, found by its parent.
    const listed = await v3(sandbox, 'GET', `/filter/api/order/order?parentId=${refund.id}`);
    expect(listed.body.data.map((o: Json) => o.id)).toEqual([correction.id]);

    const { body } = await control(sandbox.url, 'GET', `/_sandbox/refunds/${refund.id}`);
    expect(body.correctionOrders.map((o: Json) => o.id)).toEqual([correction.id]);
    expect(toKopecks(body.payout.refundAmount)).toBe(300_000);
    expect(toKopecks(body.payout.correctionAmount)).toBe(33_333);
    expect(toKopecks(body.payout.returnedAmount)).toBe(266_667);

    // Only the payment and the refund were notified: the fee is paid out of the refund, not by the shopper.
    expect(receiver.received.map((r) => JSON.parse(r.body.toString()).id).sort()).toEqual(
      [order.id, refund.id].sort(),
    );

    // The refund is no longer a draft: a second correction is refused.
    const second = await correct(sandbox, correctionOf(refund.id, 1));
    expect(second.status).toBe(422);
    expect(second.body.error.code).toBe('wrong_order_status');
  });

  it('moves the draft refund to created right away (completion follows the refund delay)', async () => {
    const { sandbox } = await setup(60_000);
    const { refund } = await paidOrderWithDraftRefund(sandbox);
    const res = await correct(sandbox, {
      ...correctionOf(refund.id, 0.01),
      amount: '0.01', // amounts as numeric strings are taken too
    });
    expect(res.status).toBe(200);
    const refunds = await v3(sandbox, 'GET', `/filter/api/order/refund-order?id=${refund.id}`);
    expect(refunds.body.data[0].status).toBe('created');
    const { body } = await control(sandbox.url, 'GET', `/_sandbox/refunds/${refund.id}`);
    expect(toKopecks(body.payout.returnedAmount)).toBe(299_999);
  });

  it('refuses bad parents and too large corrections, changing nothing', async () => {
    const { sandbox } = await setup();
    const { order, refund } = await paidOrderWithDraftRefund(sandbox);

    const tooLarge = await correct(sandbox, correctionOf(refund.id, 3000.01));
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.body.error.fields[0].name).toBe('amount');

    const notRefund = await correct(sandbox, correctionOf(order.id, 10));
    expect(notRefund.status).toBe(422);
    expect(notRefund.body.error.code).toBe('wrong_order_status');
    expect(notRefund.body.error.fields[0].name).toBe('parentId');

    const missing = await correct(sandbox, correctionOf('', 10, { parentId: undefined }));
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields[0].name).toBe('parentId');

    const unknown = await correct(sandbox, correctionOf('00000000-0000-7000-8000-000000000000', 10));
    expect(unknown.status).toBe(404);

    // The basket is checked as for any order: the sum of lines must match.
    const badBasket = await correct(sandbox, { ...correctionOf(refund.id, 10), amount: 11 });
    expect(badBasket.status).toBe(422);
    expect(badBasket.body.error.code).toBe('wrong_total_amount');

    // A refund created without `status` is not a draft.
    const plain = await v3(
      sandbox,
      'POST',
      '/billing/api/order/refund-order',
      refundOf(order.id, `r2-${order.id}`, 'Возврат чая', TEA),
    );
    const notDraft = await correct(sandbox, correctionOf(plain.body.data.id, 10));
    expect(notDraft.status).toBe(422);
    expect(notDraft.body.error.code).toBe('wrong_order_status');

    const refunds = await v3(sandbox, 'GET', `/filter/api/order/refund-order?id=${refund.id}`);
    expect(refunds.body.data[0].status).toBe('draft');
    const orders = await v3(sandbox, 'GET', '/filter/api/order/order');
    expect(orders.body.data.map((o: Json) => o.id)).toEqual([order.id]);
  });
});
