import { describe, expect, it } from 'vitest';
import { judge, RETRY_SCHEDULE_MS } from '../src/index.js';

describe('how a shop answer is judged', () => {
  it.each([
    [200, '{"status":"success"}', 'delivered'],
    [200, '{"status":"error","code":"out_of_service","message":"db down"}', 'retrying'],
    [200, '{"status":"error"}', 'retrying'], // code defaults to out_of_service
    [200, '{"status":"error","code":"signature_error"}', 'rejected'],
    [200, '{"status":"error","code":"order_not_found"}', 'rejected'],
    [200, '{"status":"error","code":"order_already_paid"}', 'rejected'],
    [200, 'OK', 'retrying'],
    [200, '{"ok":true}', 'retrying'],
    [201, '{"status":"success"}', 'retrying'],
    [500, '{"status":"success"}', 'retrying'],
  ])('HTTP %i %s -> %s', (status, body, outcome) => {
    expect(judge(status, body).outcome).toBe(outcome);
  });

  it('ten retries spread over about a day', () => {
    expect(RETRY_SCHEDULE_MS).toHaveLength(10);
    const hours = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThanOrEqual(24);
  });
});
