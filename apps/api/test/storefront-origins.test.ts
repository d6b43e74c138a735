import { describe, expect, it } from 'vitest';
import { storefrontOrigins } from '../src/lib/storefront-origins.js';
import { useHarness } from './support/harness.js';

describe('CORS origins of the storefront', () => {
  it('a shop on this machine is let in under any loopback spelling, other hosts only exactly', () => {
    expect(storefrontOrigins('http://localhost:5173')).toEqual([
      'http://localhost:5173',
      'http://127.0.0.1:5173',
      'http://[::1]:5173',
    ]);
    expect(storefrontOrigins('http://127.0.0.1:5173/')).toContain('http://localhost:5173');
    expect(storefrontOrigins('https://shop.example')).toEqual(['https://shop.example']);
  });

  describe('over HTTP', () => {
    // The harness configures STOREFRONT_URL=http://localhost:5199.
    const h = useHarness('pglite', { sandbox: false });
    const preflight = (origin: string) =>
      fetch(`${h.api.url}/trpc/catalog.list`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });

    it('answers the storefront at 127.0.0.1 and [::1] too, but not another port or host', async () => {
      for (const origin of ['http://127.0.0.1:5199', 'http://[::1]:5199', 'http://localhost:5199']) {
        const res = await preflight(origin);
        expect(res.headers.get('access-control-allow-origin'), origin).toBe(origin);
      }
      for (const origin of ['http://127.0.0.1:5200', 'http://evil.example:5199', 'https://localhost:5199']) {
        const res = await preflight(origin);
        expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
      }
    });
  });
});
