import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CallWindow } from './budget.js';

// Redis's own clock, so replicas with skewed clocks still share one window. Returns {taken, retryInMs}.
const TAKE = `
local key = KEYS[1]
local window = tonumber(ARGV[1])
local allowed = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local used = redis.call('ZCARD', key)
if used < allowed then
  redis.call('ZADD', key, now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', key, window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', key, used - allowed, used - allowed, 'WITHSCORES')
return {0, math.max(1, tonumber(oldest[2]) + window - now)}
`;

type WithTake = Redis & {
  invoiceboxBudgetTake(
    key: string,
    windowMs: number,
    allowed: number,
    nonce: string,
  ): Promise<[number, number]>;
};

/** The sliding window as a sorted set of call times, updated atomically by one Lua script. */
export function redisCallWindow(redis: Redis, key: string): CallWindow {
  const client = redis as WithTake;
  if (!client.invoiceboxBudgetTake)
    redis.defineCommand('invoiceboxBudgetTake', { numberOfKeys: 1, lua: TAKE });
  return {
    async tryTake(allowed, windowMs) {
      const [taken, retryInMs] = await client.invoiceboxBudgetTake(
        key,
        windowMs,
        allowed,
        randomBytes(6).toString('hex'),
      );
      return taken === 1 ? { taken: true } : { taken: false, retryInMs };
    },
  };
}
