import { createHmac, timingSafeEqual } from 'node:crypto';
import { DEMO_SHOP, verifyNotification } from '@checkout/invoicebox';
import { paymentNotification } from '../notification-body.js';

export type VerifyResult = { opsPerSecond: number; baselineOpsPerSecond: number };

function opsPerSecond(fn: () => void, durationMs: number): number {
  for (let i = 0; i < 2_000; i++) fn(); // let the JIT settle
  let ops = 0;
  const started = performance.now();
  let now = started;
  while (now - started < durationMs) {
    for (let i = 0; i < 500; i++) fn();
    ops += 500;
    now = performance.now();
  }
  return ops / ((now - started) / 1000);
}

/**
 * verifyNotification (raw bytes, constant-time compare, zod schema) next to the floor: HMAC-SHA1 hex of the
 * same bytes, a timing-safe compare and JSON.parse, nothing else.
 */
export function measureVerify(durationMs = 1_500): VerifyResult {
  const { body, signature } = paymentNotification({
    merchantOrderId: '0b9f6f0e-3f6c-4c55-9d5e-2d3f1c0a7b11',
    invoiceboxId: '7e2f0d4a-9c1b-4b7e-8f3a-5d6c7b8a9e01',
    amountKopecks: 123_456,
  });
  const raw = Buffer.from(body);
  const key = DEMO_SHOP.notificationKey;
  const expected = Buffer.from(signature);
  let sink = 0;
  const opsPerSecondApi = opsPerSecond(() => {
    sink += verifyNotification(raw, signature, key).amount;
  }, durationMs);
  const baseline = opsPerSecond(() => {
    const mac = Buffer.from(createHmac('sha1', key).update(raw).digest('hex'));
    if (!timingSafeEqual(mac, expected)) throw new Error('bad signature');
    sink += (JSON.parse(raw.toString('utf8')) as { amount: number }).amount;
  }, durationMs);
  if (sink === 0) throw new Error('nothing verified');
  return { opsPerSecond: opsPerSecondApi, baselineOpsPerSecond: baseline };
}
