import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEMO_MERCHANT } from './merchants.js';
import type { MerchantConfig, SandboxOptions } from './types.js';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

const merchantSchema = z.strictObject({
  merchantId: z.string().min(1),
  token: z.string().min(1),
  notificationKey: z.string().min(1),
  name: z.string().optional(),
  notificationUrl: z.url().optional(),
  allowDuplicateMerchantOrderId: z.boolean().optional(),
  signatureAlgorithm: z.enum(['sha1', 'sha256', 'sha512']).optional(),
  refundBasketAvailableAmount: z.boolean().optional(),
  holdPayments: z.boolean().optional(),
});

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SANDBOX_HOST: z.string().default('127.0.0.1'),
  SANDBOX_PUBLIC_URL: z.url().optional(),
  SANDBOX_MERCHANTS: z.string().optional(),
  SANDBOX_DATA_FILE: z.string().default(`${APP_DIR}.data/sandbox.json`),
  SANDBOX_RETRY_TIME_SCALE: z.coerce.number().positive().default(1),
  /** `off`, or `<requests>/<seconds>` (default 100/30, Invoicebox's per-account limit). */
  SANDBOX_RATE_LIMIT: z
    .string()
    .regex(/^(off|\d+\/\d+)$/, 'expected "off" or "<requests>/<seconds>", e.g. 100/30')
    .default('100/30'),
  SANDBOX_NOTIFICATION_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  SANDBOX_REFUND_DELAY_MS: z.coerce.number().int().nonnegative().default(1000),
  SANDBOX_ALLOW_ANY_NOTIFICATION_HOST: z.enum(['0', '1']).default('0'),
  /** Merchants that do not say otherwise hold card payments (`holdPayments`); `pnpm dev` mirrors the shop's setting. */
  SANDBOX_HOLD_PAYMENTS: z.enum(['true', 'false', '1', '0']).default('false'),
});

function rateLimit(text: string): SandboxOptions['rateLimit'] {
  if (text === 'off') return false;
  const [requests, seconds] = text.split('/').map(Number);
  return { requests: requests ?? 100, windowMs: (seconds ?? 30) * 1000 };
}

/** Options for the standalone process, from the environment (validated, with the failing variable named). */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment: ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const e = parsed.data;
  let merchants: MerchantConfig[] | undefined;
  if (e.SANDBOX_MERCHANTS) {
    const list = z
      .array(merchantSchema)
      .min(1)
      .safeParse(JSON.parse(readFileSync(e.SANDBOX_MERCHANTS, 'utf8')));
    if (!list.success)
      throw new Error(`SANDBOX_MERCHANTS ${e.SANDBOX_MERCHANTS}: ${list.error.issues[0]?.message}`);
    merchants = list.data;
  }
  if (e.SANDBOX_HOLD_PAYMENTS === 'true' || e.SANDBOX_HOLD_PAYMENTS === '1') {
    merchants = (merchants ?? [DEMO_MERCHANT]).map((m) => ({ holdPayments: true, ...m }));
  }
  return {
    port: e.SANDBOX_PORT,
    host: e.SANDBOX_HOST,
    publicUrl: e.SANDBOX_PUBLIC_URL,
    merchants,
    dataFile: e.SANDBOX_DATA_FILE === ':memory:' ? undefined : e.SANDBOX_DATA_FILE,
    retryTimeScale: e.SANDBOX_RETRY_TIME_SCALE,
    rateLimit: rateLimit(e.SANDBOX_RATE_LIMIT),
    notificationTimeoutMs: e.SANDBOX_NOTIFICATION_TIMEOUT_MS,
    refundCompletionDelayMs: e.SANDBOX_REFUND_DELAY_MS,
    allowAnyNotificationHost: e.SANDBOX_ALLOW_ANY_NOTIFICATION_HOST === '1',
  };
}
