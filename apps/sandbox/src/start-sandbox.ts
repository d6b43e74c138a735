import type { AddressInfo } from 'node:net';
import type { SandboxContext } from './context.js';
import { sweepExpired } from './domain/order-lifecycle.js';
import { resumeRefunds } from './domain/refunds.js';
import { createMerchants } from './merchants.js';
import { Notifier } from './notifier.js';
import { RateLimiter } from './rate-limit.js';
import { buildServer } from './server.js';
import { Store } from './store/store.js';
import type { RunningSandbox, SandboxOptions } from './types.js';

const EXPIRY_SWEEP_MS = 1000;

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const log = opts.log === false ? () => {} : (message: string) => console.log(`[sandbox] ${message}`);
  const store = new Store(opts.dataFile);
  const timers = new Set<NodeJS.Timeout>();
  const notifier = new Notifier({
    store,
    timeoutMs: opts.notificationTimeoutMs ?? 20_000,
    retryTimeScale: opts.retryTimeScale ?? 1,
    log,
  });
  const ctx: SandboxContext = {
    store,
    merchants: createMerchants(opts.merchants),
    notifier,
    publicUrl: '',
    allowAnyNotificationHost: opts.allowAnyNotificationHost ?? false,
    refundCompletionDelayMs: opts.refundCompletionDelayMs ?? 1000,
    log,
    later(delayMs, run) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, delayMs);
      timers.add(timer);
    },
  };
  const limiter = new RateLimiter(opts.rateLimit ?? { requests: 100, windowMs: 30_000 });
  const app = buildServer(ctx, limiter, false);
  await app.listen({ port: opts.port ?? 4010, host: opts.host ?? '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  ctx.publicUrl = (opts.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');

  notifier.resume();
  resumeRefunds(ctx);
  const sweep = setInterval(() => sweepExpired(ctx), EXPIRY_SWEEP_MS);
  sweep.unref();

  let closing: Promise<void> | undefined;
  return {
    url: ctx.publicUrl,
    port,
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        await notifier.close();
        await app.close();
        store.flush();
      })();
      return closing;
    },
  };
}
