import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { BENCH_NOTIFICATION_URL } from '../src/invoicebox/verify-bench.js';

// The SDK's test fixture, read as a file: the bench keeps its own copy so it never imports another package's tests.
const SDK_FIXTURE = new URL(
  '../../../packages/invoicebox/test/fixtures/invoicebox-sdk-php/payment-notification.body',
  import.meta.url,
);

it("the benchmark's in-repo notification copy is byte-identical to the SDK's test fixture", () => {
  expect(readFileSync(BENCH_NOTIFICATION_URL).equals(readFileSync(SDK_FIXTURE))).toBe(true);
});
