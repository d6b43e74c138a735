import { DEMO_SHOP } from '@checkout/invoicebox';
import { z } from 'zod';

export const DEMO_ADMIN_TOKEN = 'demo-admin-token';

const url = (fallback: string) =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default(fallback)
    .transform((value) => value.replace(/\/+$/, ''));

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0)
    .max(65535)
    .default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave it unset for the embedded PGlite)')
    .optional(),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  INVOICEBOX_API_URL: url('http://localhost:4010'),
  INVOICEBOX_TOKEN: z.string().min(1, 'must not be empty').default(DEMO_SHOP.token),
  INVOICEBOX_MERCHANT_ID: z.guid('must be the shop id (a UUID)').default(DEMO_SHOP.merchantId),
  INVOICEBOX_NOTIFICATION_KEY: z.string().min(1, 'must not be empty').default(DEMO_SHOP.notificationKey),
  PUBLIC_API_URL: url('http://localhost:3000'),
  STOREFRONT_URL: url('http://localhost:5173'),
  ADMIN_TOKEN: z.string().min(12, 'must be at least 12 characters').optional(),
  /** 0 turns the background reconciler off. */
  RECONCILE_INTERVAL_MS: z.coerce.number({ error: 'must be milliseconds' }).int().min(0).default(30_000),
  /** Orders untouched for this long are checked with Invoicebox by the reconciler. */
  RECONCILE_MIN_AGE_MS: z.coerce.number({ error: 'must be milliseconds' }).int().min(0).default(60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema> & { adminTokenIsDemo: boolean; ADMIN_TOKEN: string };

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Reads the configuration once; every bad variable is named in one message. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means "not set" (docker-compose and shells produce them easily).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const adminTokenIsDemo = parsed.data.ADMIN_TOKEN === undefined;
  return { ...parsed.data, ADMIN_TOKEN: parsed.data.ADMIN_TOKEN ?? DEMO_ADMIN_TOKEN, adminTokenIsDemo };
}
