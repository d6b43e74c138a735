import { afterAll, beforeAll } from 'vitest';
import { createInvoiceboxClient, DEMO_SHOP } from '../src/index.js';
import { startTestServer } from './http-server.js';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** The file's test server: started before its tests, closed after them. */
export function useTestServer(): Pick<TestServer, 'url' | 'seen' | 'handle'> {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());
  const running = () => {
    if (!server) throw new Error('the test server starts in beforeAll');
    return server;
  };
  return {
    get url() {
      return running().url;
    },
    get seen() {
      return running().seen;
    },
    handle: (next) => running().handle(next),
  };
}

/** A client of `baseUrl` with the demo shop's token and no retries, unless `over` says otherwise. */
export const clientOf = (baseUrl: string, over: Partial<Parameters<typeof createInvoiceboxClient>[0]> = {}) =>
  createInvoiceboxClient({ baseUrl, token: DEMO_SHOP.token, retry: { retries: 0 }, ...over });

/** What `promise` rejects with; fails if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
