import { Redis } from 'ioredis';

/**
 * One connection per API instance, checked at start so a wrong REDIS_URL fails the start instead of every
 * request. Commands fail fast while Redis is away (no offline queue): callers decide whether to fail open.
 */
export async function openRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const where = new URL(url);
    throw new Error(`cannot reach Redis at REDIS_URL ${where.hostname}:${where.port || 6379}`, {
      cause: error,
    });
  }
  // Without a listener ioredis prints every reconnect error; our callers log what matters.
  redis.on('error', () => {});
  return redis;
}
