import { startForwardingProxy } from '@checkout/testkit';

/** Replaces the answer to the requests it matches (`METHOD /path`), as from an Invoicebox that changed a field. */
export type Garble = { request: RegExp; body: string };

/**
 * A plain HTTP forwarder in front of the sandbox that records every request the API sends to "Invoicebox";
 * with `garble`, the sandbox still does the work but the matching answers arrive as `garble.body`.
 */
export async function startCountingProxy(target: string, garble?: Garble) {
  const proxy = await startForwardingProxy(target, {
    response: (line, body) => (garble?.request.test(line) ? garble.body : body),
  });
  const { seen } = proxy;
  return {
    ...proxy,
    count: (pattern?: RegExp) => (pattern ? seen.filter((line) => pattern.test(line)).length : seen.length),
    reset: () => {
      seen.length = 0;
    },
  };
}
