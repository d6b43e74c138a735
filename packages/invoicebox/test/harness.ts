import { afterAll, beforeAll } from 'vitest';
import {
  buildBasket,
  type CreateOrderRequest,
  createInvoiceboxClient,
  DEMO_SHOP,
  fromKopecks,
  toBasketItems,
} from '../src/index.js';
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

/** A create-order request in roubles for the demo shop, its basket built from `lines` by the SDK. */
export function orderRequestOf(
  lines: Parameters<typeof buildBasket>[0],
  fields: Pick<CreateOrderRequest, 'merchantOrderId' | 'description' | 'expirationDate' | 'customer'>,
): CreateOrderRequest {
  const basket = buildBasket(lines);
  return {
    merchantId: DEMO_SHOP.merchantId,
    amount: fromKopecks(basket.amount),
    vatAmount: fromKopecks(basket.vatAmount),
    currencyId: 'RUB',
    basketItems: toBasketItems(basket.lines),
    ...fields,
  };
}

/** What `promise` rejects with; fails if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
