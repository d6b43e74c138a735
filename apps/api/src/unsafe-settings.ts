import { isIP } from 'node:net';
import { DEMO_SHOP } from '@checkout/invoicebox';

export const DEMO_ADMIN_TOKEN = 'demo-admin-token';

/** Published in Invoicebox's docs (/work/shared/invoicebox-api.md §4): anyone can sign or call with them. */
const PUBLIC_VALUES = new Set<string>([
  DEMO_SHOP.token,
  DEMO_SHOP.merchantId,
  DEMO_SHOP.notificationKey,
  // The l3 test shop.
  '91cb0d9a-bc9b-4420-bf2d-fd44bc9f8657',
  'QrUSjD1ZlsMbg2RNCXibRX6sKZ7FWzBh',
  '25622-API:1b3a082f38ae682ed9d2aaa5c7bb2735c43b9c7282418545bc2235a9b4bf23ad',
  DEMO_ADMIN_TOKEN,
]);

export const MIN_PRODUCTION_ADMIN_TOKEN = 32;

/** localhost, 127.0.0.0/8 and ::1 only: anything else may be the real Invoicebox. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^::ffff:127\./.test(host);
}

export function isLocalSetup(invoiceboxApiUrl: string, nodeEnv: string | undefined): boolean {
  return nodeEnv !== 'production' && isLoopbackHost(new URL(invoiceboxApiUrl).hostname);
}

type Secrets = {
  INVOICEBOX_TOKEN?: string | undefined;
  INVOICEBOX_MERCHANT_ID?: string | undefined;
  INVOICEBOX_NOTIFICATION_KEY?: string | undefined;
  ADMIN_TOKEN?: string | undefined;
};

/** Every secret that is missing or public, one line each (empty = safe to start outside a local setup). */
export function unsafeSettings(env: Secrets): string[] {
  const problems: string[] = [];
  for (const name of [
    'INVOICEBOX_TOKEN',
    'INVOICEBOX_MERCHANT_ID',
    'INVOICEBOX_NOTIFICATION_KEY',
    'ADMIN_TOKEN',
  ] as const) {
    const value = env[name];
    if (value === undefined) problems.push(`${name}: must be set`);
    else if (PUBLIC_VALUES.has(value) || PUBLIC_VALUES.has(value.toLowerCase()))
      problems.push(`${name}: is a public demo value; use your shop's own`);
    else if (name === 'ADMIN_TOKEN' && value.length < MIN_PRODUCTION_ADMIN_TOKEN)
      problems.push(`${name}: must be at least ${MIN_PRODUCTION_ADMIN_TOKEN} characters`);
  }
  return problems;
}
