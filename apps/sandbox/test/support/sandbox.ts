import { afterAll, afterEach, beforeAll } from 'vitest';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../src/index.js';
import { AUTH, demoShop, docsOrder, type Json, parseJson } from './fixtures.js';

/** A quiet sandbox on a free port for the demo shop, without rate limits; `options` change any of that. */
export const testSandbox = (options: SandboxOptions = {}) =>
  startSandbox({ port: 0, log: false, rateLimit: false, merchants: demoShop(), ...options });

/** The file's sandbox (see testSandbox): started before its tests, closed after them. */
export function useSandbox(options: SandboxOptions = {}): Pick<RunningSandbox, 'url'> {
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await testSandbox(options);
  });
  afterAll(() => sandbox?.close());
  return {
    get url() {
      if (!sandbox) throw new Error('the sandbox starts in beforeAll');
      return sandbox.url;
    },
  };
}

/** Closes what each test started, last first, once the test is over; returns what registers a closer. */
export function useCleanup(): (close: () => Promise<void>) => void {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  return (close) => void closers.push(close);
}

/** A call of API v3 (`path` after /v3) as the demo shop; the answer's status and JSON body. */
export async function v3(sandbox: { url: string }, method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/v3${path}`, {
    method,
    headers: { ...AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: parseJson(await res.text()) as Json };
}

/** Creates an order from `request` (the docs' example by default); the order as the sandbox answers it. */
export async function createOrder(sandbox: { url: string }, request: unknown = docsOrder()): Promise<Json> {
  return (await v3(sandbox, 'POST', '/billing/api/order/order', request)).body.data;
}
