import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from '../src/env.js';

describe('environment', () => {
  it('defaults: port 4010, data file in the app, real retry schedule, 100 requests / 30 s', () => {
    const options = optionsFromEnv({});
    expect(options).toMatchObject({
      port: 4010,
      retryTimeScale: 1,
      rateLimit: { requests: 100, windowMs: 30_000 },
    });
    expect(options.dataFile).toMatch(/apps\/sandbox\/\.data\/sandbox\.json$/);
  });

  it(':memory:, rate limit off, scaled retries', () => {
    const options = optionsFromEnv({
      SANDBOX_DATA_FILE: ':memory:',
      SANDBOX_RATE_LIMIT: 'off',
      SANDBOX_RETRY_TIME_SCALE: '0.001',
    });
    expect(options).toMatchObject({ dataFile: undefined, rateLimit: false, retryTimeScale: 0.001 });
  });

  it('names the bad variable', () => {
    expect(() => optionsFromEnv({ SANDBOX_PORT: 'abc' })).toThrow(/SANDBOX_PORT/);
    expect(() => optionsFromEnv({ SANDBOX_RATE_LIMIT: 'lots' })).toThrow(/SANDBOX_RATE_LIMIT/);
  });
});
