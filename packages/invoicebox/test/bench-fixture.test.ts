import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { BENCH_NOTIFICATION_URL } from '../bench/bench.js';
import { fixtureBytes, NOTIFICATION_BODY } from './fixtures.js';

it("the benchmark's in-repo notification copy is byte-identical to the test fixture", () => {
  expect(readFileSync(BENCH_NOTIFICATION_URL).equals(fixtureBytes(NOTIFICATION_BODY))).toBe(true);
});
