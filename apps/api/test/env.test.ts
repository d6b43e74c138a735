import { DEMO_SHOP } from '@checkout/invoicebox';
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_TOKEN, EnvError, loadEnv } from '../src/env.js';
import { REAL_SHOP_ENV } from './support/fixtures.js';

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

describe('loadEnv outside a local setup', () => {
  const shop = REAL_SHOP_ENV;
  const refusal = (source: NodeJS.ProcessEnv): string => {
    try {
      loadEnv(source);
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      return (error as Error).message;
    }
    throw new Error('loadEnv accepted the configuration');
  };
  const SECRETS = [
    'INVOICEBOX_TOKEN',
    'INVOICEBOX_MERCHANT_ID',
    'INVOICEBOX_NOTIFICATION_KEY',
    'ADMIN_TOKEN',
  ];

  it('with NODE_ENV=production and nothing else, names every missing secret', () => {
    const message = refusal({ NODE_ENV: 'production' });
    for (const name of SECRETS) expect(message).toContain(`${name}: must be set`);
    expect(message).toContain('NODE_ENV=production');
  });

  it('with the real Invoicebox URL, refuses the public demo shop and the demo staff token', () => {
    const message = refusal({
      INVOICEBOX_API_URL: 'https://api.invoicebox.ru',
      INVOICEBOX_TOKEN: DEMO_SHOP.token,
      INVOICEBOX_MERCHANT_ID: DEMO_SHOP.merchantId,
      INVOICEBOX_NOTIFICATION_KEY: DEMO_SHOP.notificationKey,
      ADMIN_TOKEN: DEMO_ADMIN_TOKEN,
    });
    for (const name of SECRETS) expect(message).toContain(`${name}: is a public demo value`);
    expect(message).toContain('https://api.invoicebox.ru');
  });

  it("refuses the docs' l3 test shop", () => {
    const message = refusal({
      ...shop,
      NODE_ENV: 'production',
      INVOICEBOX_TOKEN: '25622-API:1b3a082f38ae682ed9d2aaa5c7bb2735c43b9c7282418545bc2235a9b4bf23ad',
      INVOICEBOX_MERCHANT_ID: '91cb0d9a-bc9b-4420-bf2d-fd44bc9f8657',
      INVOICEBOX_NOTIFICATION_KEY: 'QrUSjD1ZlsMbg2RNCXibRX6sKZ7FWzBh',
    });
    for (const name of SECRETS.slice(0, 3)) expect(message).toContain(`${name}: is a public demo value`);
    expect(message).not.toContain('ADMIN_TOKEN');
  });

  it('wants a staff token of at least 32 characters', () => {
    expect(refusal({ ...shop, NODE_ENV: 'production', ADMIN_TOKEN: 'x'.repeat(31) })).toContain(
      'ADMIN_TOKEN: must be at least 32 characters',
    );
  });

  it('starts with real secrets, and then does not migrate at start', () => {
    const env = loadEnv({ ...shop, INVOICEBOX_API_URL: 'https://api.invoicebox.ru' });
    expect(env).toMatchObject({ ...shop, local: false, adminTokenIsDemo: false });
  });

  it.each(['http://localhost:4010', 'http://127.0.0.1:4010', 'http://127.8.9.10:4010', 'http://[::1]:4010'])(
    'treats %s as local: the demo stays zero-config',
    (url) => {
      expect(loadEnv({ INVOICEBOX_API_URL: url })).toMatchObject({ local: true, adminTokenIsDemo: true });
    },
  );

  it.each(['http://10.0.0.5:4010', 'http://128.0.0.1:4010', 'http://localhost.example.com'])(
    'treats %s as not local',
    (url) => {
      expect(refusal({ INVOICEBOX_API_URL: url })).toContain('INVOICEBOX_TOKEN: must be set');
    },
  );
});
