import { DEMO_SHOP, INVOICEBOX_GATE_URL, NOTIFICATION_SIGNATURE_ALGORITHMS } from '@checkout/invoicebox';
import { z } from 'zod';
import { parseEnv } from './lib/parse-env.js';
import { DEMO_ADMIN_TOKEN, isLocalSetup, unsafeSettings } from './unsafe-settings.js';

export { DEMO_ADMIN_TOKEN };

const url = (fallback: string) =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default(fallback)
    .transform((value) => value.replace(/\/+$/, ''));

const ms = (fallback: number) =>
  z.coerce.number({ error: 'must be milliseconds' }).int('must be a whole number').min(0).default(fallback);

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0)
    .max(65535)
    .default(3000),
  /** The address to bind: loopback by default, 0.0.0.0 (or ::) to accept connections from other hosts. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave it unset for the embedded PGlite)')
    .optional(),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  INVOICEBOX_API_URL: url('http://localhost:4010'),
  INVOICEBOX_TOKEN: z.string().min(1, 'must not be empty').optional(),
  INVOICEBOX_MERCHANT_ID: z.guid('must be the shop id (a UUID)').optional(),
  INVOICEBOX_NOTIFICATION_KEY: z.string().min(1, 'must not be empty').optional(),
  /** «Алгоритм подписи» chosen with the notification key in Invoicebox's cabinet. */
  INVOICEBOX_SIGNATURE_ALGORITHM: z
    .enum(NOTIFICATION_SIGNATURE_ALGORITHMS, {
      error: `must be one of ${NOTIFICATION_SIGNATURE_ALGORITHMS.join(', ')}`,
    })
    .default('sha1'),
  /**
   * Where notifications come from: `webhook` (Invoicebox POSTs to PUBLIC_API_URL), `gate` (this API connects out to
   * Invoicebox's WebSocket gate: no inbound URL needed) or `both`. The webhook route exists in every mode.
   */
  INVOICEBOX_NOTIFY_VIA: z
    .enum(['webhook', 'gate', 'both'], { error: 'must be webhook, gate or both' })
    .default('webhook'),
  /**
   * The cabinet holds (pre-authorises) this shop's card payments and the shop captures them by shipping: the
   * storefront then tells the shopper the money is blocked and taken when the order ships.
   */
  INVOICEBOX_HOLD_PAYMENTS: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  /** Default: Invoicebox's gate for the real API, the sandbox's own `/v3/gate/rpc` otherwise. */
  INVOICEBOX_GATE_URL: z.url({ protocol: /^wss?$/, error: 'must be a ws(s) URL' }).optional(),
  PUBLIC_API_URL: url('http://localhost:3000'),
  STOREFRONT_URL: url('http://localhost:5173'),
  ADMIN_TOKEN: z.string().min(12, 'must be at least 12 characters').optional(),
  /** 0 turns the background reconciler off. */
  RECONCILE_INTERVAL_MS: ms(30_000),
  /** Orders untouched for this long are checked with Invoicebox by the reconciler. */
  RECONCILE_MIN_AGE_MS: ms(60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Whole request (headers and body) must arrive within this; 0 = no limit. */
  REQUEST_TIMEOUT_MS: ms(30_000),
  /** Headers must arrive within this (slowloris). */
  HEADERS_TIMEOUT_MS: ms(10_000),
  /** Idle keep-alive connections are closed after this; keep it above the load balancer's idle timeout. */
  KEEP_ALIVE_TIMEOUT_MS: ms(75_000),
  /** Open connections per process; further ones are dropped at accept. */
  MAX_CONNECTIONS: z.coerce.number({ error: 'must be a number' }).int().min(1).default(1024),
  /** SIGTERM/SIGINT: in-flight work gets this long, then the process exits 1. */
  SHUTDOWN_TIMEOUT_MS: ms(10_000),
  /** Bearer token for GET /metrics; unset = /metrics answers loopback clients only. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

export type Env = Omit<
  z.infer<typeof envSchema>,
  | 'INVOICEBOX_TOKEN'
  | 'INVOICEBOX_MERCHANT_ID'
  | 'INVOICEBOX_NOTIFICATION_KEY'
  | 'ADMIN_TOKEN'
  | 'INVOICEBOX_GATE_URL'
> & {
  INVOICEBOX_GATE_URL: string;
  INVOICEBOX_TOKEN: string;
  INVOICEBOX_MERCHANT_ID: string;
  INVOICEBOX_NOTIFICATION_KEY: string;
  ADMIN_TOKEN: string;
  adminTokenIsDemo: boolean;
  /** Loopback Invoicebox and NODE_ENV not production: demo defaults allowed, migrations run at start. */
  local: boolean;
};

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Reads the configuration once; every bad variable is named in one message. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const data = parseEnv(envSchema, source, EnvError);
  const local = isLocalSetup(data.INVOICEBOX_API_URL, data.NODE_ENV);
  const gateUrl = data.INVOICEBOX_GATE_URL ?? defaultGateUrl(data.INVOICEBOX_API_URL);
  if (!local) {
    const problems = unsafeSettings(data);
    // The token travels in the gate URL's query string.
    if (data.INVOICEBOX_NOTIFY_VIA !== 'webhook' && !gateUrl.startsWith('wss://'))
      problems.push('INVOICEBOX_GATE_URL: must be wss:// (the token is sent in it)');
    if (problems.length > 0) {
      const why =
        data.NODE_ENV === 'production'
          ? 'NODE_ENV=production'
          : `INVOICEBOX_API_URL (${data.INVOICEBOX_API_URL}) is not on this machine`;
      throw new EnvError(
        `Refusing to start with demo or missing secrets (${why}):\n${problems.map((p) => `  ${p}`).join('\n')}`,
      );
    }
  }
  return {
    ...data,
    INVOICEBOX_GATE_URL: gateUrl,
    INVOICEBOX_TOKEN: data.INVOICEBOX_TOKEN ?? DEMO_SHOP.token,
    INVOICEBOX_MERCHANT_ID: data.INVOICEBOX_MERCHANT_ID ?? DEMO_SHOP.merchantId,
    INVOICEBOX_NOTIFICATION_KEY: data.INVOICEBOX_NOTIFICATION_KEY ?? DEMO_SHOP.notificationKey,
    ADMIN_TOKEN: data.ADMIN_TOKEN ?? DEMO_ADMIN_TOKEN,
    adminTokenIsDemo: data.ADMIN_TOKEN === undefined,
    local,
  };
}

/** Invoicebox's gate for its own API hosts; anything else (the sandbox) serves the gate beside its API. */
function defaultGateUrl(apiUrl: string): string {
  const api = new URL(apiUrl);
  if (api.hostname === 'invoicebox.ru' || api.hostname.endsWith('.invoicebox.ru')) return INVOICEBOX_GATE_URL;
  return `${api.protocol === 'https:' ? 'wss' : 'ws'}://${api.host}/v3/gate/rpc`;
}
