import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from '../src/env.js';

describe('SANDBOX_HOLD_PAYMENTS (what `pnpm dev` sets from the shop API INVOICEBOX_HOLD_PAYMENTS)', () => {
  it('off by default: the configured merchants as they are', () => {
    expect(optionsFromEnv({}).merchants).toBeUndefined();
    expect(optionsFromEnv({ SANDBOX_HOLD_PAYMENTS: 'false' }).merchants).toBeUndefined();
  });

  it('on: the demo merchant holds card payments', () => {
    const [merchant, ...others] = optionsFromEnv({ SANDBOX_HOLD_PAYMENTS: 'true' }).merchants ?? [];
    expect(others).toEqual([]);
    expect(merchant).toMatchObject({ merchantId: DEMO_SHOP.merchantId, holdPayments: true });
  });

  it('on: merchants from SANDBOX_MERCHANTS hold too, unless their own entry says otherwise', () => {
    const file = join(tmpdir(), `sandbox-merchants-${process.pid}.json`);
    const other = { merchantId: 'other', token: 'other-token', notificationKey: 'k' };
    writeFileSync(file, JSON.stringify([other, { ...other, merchantId: 'own', holdPayments: false }]));
    const merchants = optionsFromEnv({ SANDBOX_HOLD_PAYMENTS: '1', SANDBOX_MERCHANTS: file }).merchants;
    expect(merchants?.map((m) => [m.merchantId, m.holdPayments])).toEqual([
      ['other', true],
      ['own', false],
    ]);
  });

  it('names the variable when it is not a boolean', () => {
    expect(() => optionsFromEnv({ SANDBOX_HOLD_PAYMENTS: 'yes' })).toThrow(/SANDBOX_HOLD_PAYMENTS/);
  });
});
