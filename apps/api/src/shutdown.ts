import type { Logger } from './logger.js';

/**
 * SIGTERM/SIGINT: stop listening, let in-flight requests and notifications finish, stop the reconciler, close
 * the database, exit 0. A drain that outlives timeoutMs is cut short with exit code 1 (the orchestrator then
 * knows the stop was not clean). A second signal does not restart the drain.
 */
export function drainOnSignals(
  api: { close(): Promise<void> },
  opts: { timeoutMs: number; log: Logger },
): void {
  let draining = false;
  const drain = (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    opts.log.info({ signal, timeoutMs: opts.timeoutMs }, 'shutting down: draining in-flight requests');
    const timer = setTimeout(() => {
      opts.log.error({ timeoutMs: opts.timeoutMs }, 'shutdown timed out: exiting with work still in flight');
      process.exit(1);
    }, opts.timeoutMs);
    timer.unref();
    api.close().then(
      () => {
        opts.log.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        opts.log.error({ err: { message: String(error) } }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', drain);
  process.on('SIGINT', drain);
}
