import { randomUUID } from 'node:crypto';
import { waitUntil } from '@checkout/testkit';
import { checkoutInput, type TrpcAnswer, trpcMutate } from '../trpc-http.js';
import { type DrillStack, startDrillStack } from './stack.js';
import type { Drill } from './types.js';

type Attempt = { ms: number; answer: TrpcAnswer };

async function checkout(stack: DrillStack, key: string): Promise<Attempt> {
  const started = performance.now();
  const answer = await trpcMutate(stack.front.url, 'orders.create', checkoutInput(key), {
    timeoutMs: 40_000,
  });
  return { ms: performance.now() - started, answer };
}

const describe = ({ ms, answer }: Attempt) =>
  answer.status === 200
    ? `ok in ${Math.round(ms)} ms`
    : `HTTP ${answer.status} ${answer.error?.data?.code ?? ''} in ${Math.round(ms)} ms`;

/** A refusal the shopper can act on: not a 500, says what happened. */
const isClearError = ({ answer }: Attempt) =>
  answer.status >= 400 &&
  answer.status !== 500 &&
  answer.error?.data?.code !== 'INTERNAL_SERVER_ERROR' &&
  (answer.error?.message ?? '').length > 10;

const orderIdOf = ({ answer }: Attempt) => (answer.data as { orderId?: string } | undefined)?.orderId;

/**
 * The API talks to the sandbox through a fault proxy. Three outages at checkout: the sandbox is down
 * (connection refused), it hangs (no answer until the client's timeout), and it answers too late (the order is
 * created at Invoicebox but the answer is lost). Each time the shopper retries with the same idempotency key;
 * in the end the sandbox must hold exactly one order per checkout.
 */
export const invoiceboxOutage: Drill = {
  id: 4,
  name: 'Invoicebox outage at checkout (down, hanging, answer lost) + shopper retries',
  criteria:
    'while Invoicebox is down/hanging the shopper gets a non-500 error with a message; the retry with the same idempotency key succeeds; exactly one shop order and one Invoicebox order per checkout',
  timeoutMs: 90_000,
  async run(ctx) {
    const stack = await startDrillStack({
      name: 'ibdown',
      replicas: 1,
      logFile: ctx.logFile,
      invoiceboxProxy: true,
    });
    const proxy = stack.invoiceboxProxy!;
    const lines: string[] = [];
    const problems: string[] = [];
    const keys: Record<string, string> = { down: randomUUID(), hang: randomUUID(), late: randomUUID() };
    const results: Record<string, Attempt[]> = { down: [], hang: [], late: [] };
    try {
      // 1. Down: connection refused, twice, then back.
      await proxy.goDown();
      results.down!.push(await checkout(stack, keys.down!));
      results.down!.push(await checkout(stack, keys.down!));
      await proxy.comeBack();
      results.down!.push(await checkout(stack, keys.down!));

      /** A checkout sent while the proxy is in `mode`; the network recovers once `counter` shows the fault hit. */
      const checkoutThrough = async (
        mode: 'hang' | 'late',
        counter: 'heldClosed' | 'forwarded',
        waitMs: number,
      ) => {
        proxy.setMode(mode);
        const before = proxy.stats[counter];
        const attempt = checkout(stack, keys[mode]!);
        await waitUntil(async () => proxy.stats[counter] > before, waitMs, mode === 'hang' ? 100 : 20);
        proxy.setMode('pass');
        results[mode]!.push(await attempt);
      };

      // 2. Hanging: the request never reaches the sandbox; once the API gives up, the network recovers.
      await checkoutThrough('hang', 'heldClosed', 60_000);
      results.hang!.push(await checkout(stack, keys.hang!));

      // 3. Answer lost: the sandbox creates the order, the API never hears back (connection cut after the write).
      await checkoutThrough('late', 'forwarded', 30_000);
      // The shopper double-clicks while retrying: two requests with the same key at once.
      results.late!.push(...(await Promise.all([checkout(stack, keys.late!), checkout(stack, keys.late!)])));

      const remote = await stack.control.orders();
      for (const [name, attempts] of Object.entries(results)) {
        const ours = await stack.sql<{ id: string; status: string }[]>`
          SELECT id, status FROM orders WHERE idempotency_key = ${keys[name]!}`;
        const atInvoicebox = ours.length
          ? remote.filter((o) => ours.some((row) => row.id === o.merchantOrderId)).length
          : 0;
        const finalAttempt = attempts[attempts.length - 1]!;
        const ids = new Set(attempts.map(orderIdOf).filter(Boolean));
        lines.push(
          `${name}: ${attempts.map(describe).join(' → ')}; shop orders ${ours.length}, Invoicebox orders ${atInvoicebox}`,
        );
        if (ours.length !== 1) problems.push(`${name}: ${ours.length} shop orders for one idempotency key`);
        if (atInvoicebox !== 1)
          problems.push(`${name}: ${atInvoicebox} orders at Invoicebox for one checkout`);
        if (finalAttempt.answer.status !== 200)
          problems.push(`${name}: the retry after recovery did not succeed`);
        if (ids.size > 1) problems.push(`${name}: retries returned different order ids`);
        for (const attempt of attempts) {
          if (attempt.answer.status !== 200 && !isClearError(attempt)) {
            problems.push(`${name}: unclear error for the shopper (${describe(attempt)})`);
          }
        }
      }
      const messages = new Set(
        Object.values(results)
          .flat()
          .filter((a) => a.answer.status !== 200)
          .map((a) => a.answer.error?.message ?? a.answer.raw.slice(0, 160)),
      );
      lines.push(`the shopper was told: ${[...messages].map((m) => `"${m}"`).join(' / ')}`);
      const refusedWhileDown = results.down!.slice(0, 2).every(isClearError);
      if (!refusedWhileDown)
        problems.push('down: checkout while Invoicebox was down did not give a clear error');
      return { pass: problems.length === 0, figures: lines.join(' | '), notes: problems };
    } finally {
      await stack.close();
    }
  },
};
