import { DEMO_SHOP } from '@checkout/invoicebox';
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_TOKEN, EnvError, loadEnv } from '../src/env.js';

describe('loadEnv', () => {
  it('falls back to the local demo setup', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      INVOICEBOX_API_URL: 'http://localhost:4010',
      INVOICEBOX_MERCHANT_ID: DEMO_SHOP.merchantId,
      PUBLIC_API_URL: 'http://localhost:3000',
      STOREFRONT_URL: 'http://localhost:5173',
      ADMIN_TOKEN: DEMO_ADMIN_TOKEN,
      adminTokenIsDemo: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadEnv({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        STOREFRONT_URL: 'nope',
        INVOICEBOX_MERCHANT_ID: '42',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'STOREFRONT_URL', 'INVOICEBOX_MERCHANT_ID']) {
      expect(message).toContain(name);
    }
  });

  it('accepts a PostgreSQL URL and a real admin token', () => {
    const env = loadEnv({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shop',
      ADMIN_TOKEN: 'a-long-secret-token',
    });
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/shop');
    expect(env.adminTokenIsDemo).toBe(false);
  });
});
