import type { RunningSandbox, SandboxControl } from '@checkout/sandbox';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { LimitsOptions } from '../../src/limits/config.js';
import { type DriverName, startTestApi, type TestApi } from '../../testing/index.js';
import { checkoutInput, waitForStatus } from './fixtures.js';

export {
  RELAXED_LIMITS,
  TEST_ADMIN_TOKEN as ADMIN_TOKEN,
  TEST_STOREFRONT_URL as STOREFRONT_URL,
} from '../../testing/index.js';

/** A started test API whose sandbox is there (suites that start none do not touch these). */
export type Harness = Omit<TestApi, 'sandbox' | 'sandboxControl'> & {
  sandbox: RunningSandbox;
  sandboxControl: SandboxControl;
};

/** Starts sandbox + API on the driver for the enclosing describe; data is wiped before every test. */
export function useHarness(
  driver: DriverName,
  opts: { sandbox?: boolean; limits?: LimitsOptions } = {},
): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(
      h,
      await startTestApi({
        database: driver,
        sandbox: opts.sandbox ?? true,
        ...(opts.limits ? { limits: opts.limits } : {}),
      }),
    );
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close?.());
  return h;
}

/** A checkout (checkoutInput: TEA-100 x2 + CONSULT-1H x1) paid at the sandbox and applied by the API; its id. */
export async function placePaidOrder(h: Harness): Promise<string> {
  const { orderId } = await h.http().orders.create.mutate(checkoutInput());
  await h.sandboxControl.pay(orderId);
  await waitForStatus(h.api, orderId, 'paid');
  return orderId;
}
