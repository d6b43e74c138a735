import { describe, expect, it } from 'vitest';
import { PendingConfirmations } from '../src/payment-page/pending-confirmations.js';
import { control, docsOrder } from './support/fixtures.js';
import { createOrder, useSandbox } from './support/sandbox.js';

const customer = docsOrder().customer;
const pending = (orderId: string) => ({ orderId, customer, last4: '3220' });

describe('pending confirmation codes are bounded', () => {
  it('the oldest is forgotten when the limit is reached', () => {
    const codes = new PendingConfirmations(3, 60_000, () => 0);
    for (const id of ['a', 'b', 'c', 'd']) codes.add(id, pending(`order-${id}`));
    expect(codes.size).toBe(3);
    expect(codes.get('a')).toBeUndefined();
    expect(codes.get('d')?.orderId).toBe('order-d');
  });

  it('a code expires after its lifetime and is swept when new ones arrive', () => {
    let now = 0;
    const codes = new PendingConfirmations(100, 1000, () => now);
    codes.add('a', pending('order-a'));
    now = 999;
    expect(codes.get('a')?.orderId).toBe('order-a');
    codes.add('b', pending('order-b'));
    now = 1000;
    expect(codes.get('a')).toBeUndefined();
    now = 1998;
    codes.add('c', pending('order-c'));
    expect(codes.size).toBe(2);
    now = 5000;
    codes.add('d', pending('order-d'));
    expect(codes.size).toBe(1);
  });

  it('a new payment attempt for the same order replaces its earlier code', () => {
    const codes = new PendingConfirmations(100, 1000, () => 0);
    codes.add('first', pending('order-a'));
    codes.add('second', pending('order-a'));
    expect(codes.get('first')).toBeUndefined();
    expect(codes.size).toBe(1);
  });

  describe('over HTTP', () => {
    const sandbox = useSandbox();

    it('a code that is not pending leaves the order unpaid and sends the shopper back to the form', async () => {
      const order = (await createOrder(sandbox)) as { id: string; orderContainerId: string };
      const confirm = await fetch(`${sandbox.url}/order/${order.orderContainerId}/confirm`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ pending: 'made-up', code: '123456' }).toString(),
      });
      expect(confirm.status).toBe(303);
      expect(confirm.headers.get('location')).toBe(`/order/${order.orderContainerId}`);
      const state = await control(sandbox.url, 'GET', `/_sandbox/orders/${order.id}`);
      expect(state.body.order.status).toBe('created');
    });
  });
});
