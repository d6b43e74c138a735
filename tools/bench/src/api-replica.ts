import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@checkout/testkit';

const ENTRY = fileURLToPath(new URL('./replica/entry.ts', import.meta.url));
/** The same job as orders.create done bare (apps/api/bench/floors/checkout-floor.ts), as its own process. */
export const CHECKOUT_FLOOR_ENTRY = fileURLToPath(
  new URL('./replica/checkout-floor-entry.ts', import.meta.url),
);
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

const children = new Set<ChildProcess>();
// A failing drill must not leave replicas running after the parent has gone.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export type ReplicaEnv = {
  DATABASE_URL: string;
  INVOICEBOX_API_URL: string;
  ADMIN_TOKEN: string;
  STOREFRONT_URL?: string;
  PUBLIC_API_URL?: string;
  INVOICEBOX_TOKEN?: string;
  INVOICEBOX_MERCHANT_ID?: string;
  INVOICEBOX_NOTIFICATION_KEY?: string;
  /** As in apps/api/src/env.ts; the gate defaults to the one beside INVOICEBOX_API_URL (the sandbox's). */
  INVOICEBOX_NOTIFY_VIA?: 'webhook' | 'gate' | 'both';
  INVOICEBOX_GATE_URL?: string;
  RECONCILE_INTERVAL_MS?: string;
  RECONCILE_MIN_AGE_MS?: string;
  POOL_SIZE?: string;
  LOG_LEVEL?: string;
  /** 'production': the replica enforces the abuse limits read from this env; otherwise none (load drills). */
  DRILL_LIMITS?: 'production';
  TRUST_PROXY?: string;
  INVOICEBOX_BUDGET?: string;
  INVOICEBOX_BUDGET_WINDOW_MS?: string;
  SHUTDOWN_TIMEOUT_MS?: string;
};

export type Replica = {
  name: string;
  port: number;
  url: string;
  pid(): number | undefined;
  /** SIGKILL: no shutdown hooks, open requests are cut. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts the process again on the same port (after kill or stop). */
  restart(): Promise<void>;
  /** SIGTERM and wait; resolves with the exit code (null when it had to be SIGKILLed after 10 s). */
  stop(): Promise<number | null>;
  /** Resident set size in bytes, from /proc. */
  rss(): number;
  /** process.memoryUsage() of the replica right after a full garbage collection. */
  memoryAfterGc(): Promise<NodeJS.MemoryUsage>;
};

/**
 * One API replica as a child process (`node --conditions=@checkout/source --import tsx replica/entry.ts`),
 * on a fixed 127.0.0.1 port so a restart comes back where the balancer expects it. Its stdout/stderr
 * (pino JSON) go to `logFile`, which the secrets drill reads afterwards.
 */
export async function startReplica(
  name: string,
  env: ReplicaEnv,
  logFile: string,
  entry = ENTRY,
): Promise<Replica> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  let child: ChildProcess | undefined;

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(
        process.execPath,
        ['--expose-gc', '--conditions=@checkout/source', '--import', 'tsx', entry],
        {
          cwd: PACKAGE_ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '/tmp',
            NODE_ENV: 'production',
            PUBLIC_API_URL: url,
            ...env,
            PORT: String(port),
          },
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        },
      );
      child = proc;
      children.add(proc);
      proc.once('exit', () => children.delete(proc));
      proc.stdout?.pipe(log, { end: false });
      proc.stderr?.pipe(log, { end: false });
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`replica ${name} not ready within 60 s`));
      }, 60_000);
      proc.on('message', (message: { ready?: string }) => {
        if (message.ready) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`replica ${name} exited before ready (code ${code}, signal ${signal})`));
      });
    });

  const waitExit = (proc: ChildProcess | undefined) =>
    new Promise<void>((resolve) => {
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
    });

  await launch();
  return {
    name,
    port,
    url,
    pid: () => child?.pid,
    async kill() {
      const proc = child;
      proc?.kill('SIGKILL');
      await waitExit(proc);
    },
    restart: launch,
    async stop() {
      const proc = child;
      proc?.kill('SIGTERM');
      const timer = setTimeout(() => proc?.kill('SIGKILL'), 10_000);
      await waitExit(proc);
      clearTimeout(timer);
      return proc?.exitCode ?? null;
    },
    memoryAfterGc() {
      const proc = child;
      return new Promise((resolve, reject) => {
        if (!proc?.connected) return reject(new Error(`replica ${name} is not running`));
        const timer = setTimeout(() => reject(new Error(`replica ${name} did not report memory`)), 10_000);
        const onMessage = (message: { memory?: NodeJS.MemoryUsage }) => {
          if (!message.memory) return;
          clearTimeout(timer);
          proc.off('message', onMessage);
          resolve(message.memory);
        };
        proc.on('message', onMessage);
        proc.send('memory');
      });
    },
    rss() {
      const pid = child?.pid;
      if (!pid) return 0;
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : 0;
    },
  };
}
