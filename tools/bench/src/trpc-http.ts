// tRPC over plain HTTP (no transformer on this API): the drills want to see status codes and raw error
// bodies exactly as a browser would, so they do not go through @trpc/client.

export type TrpcAnswer = {
  status: number;
  data?: unknown;
  error?: { message: string; code: number; data?: { code?: string; httpStatus?: number } };
  raw: string;
};

async function read(response: Response): Promise<TrpcAnswer> {
  const raw = await response.text();
  try {
    const parsed = JSON.parse(raw) as { result?: { data?: unknown }; error?: TrpcAnswer['error'] };
    return { status: response.status, data: parsed.result?.data, error: parsed.error, raw };
  } catch {
    return { status: response.status, raw };
  }
}

export async function trpcMutate(
  apiUrl: string,
  path: string,
  body: unknown,
  opts: {
    headers?: Record<string, string>;
    rawBody?: string | Uint8Array<ArrayBuffer>;
    timeoutMs?: number;
  } = {},
): Promise<TrpcAnswer> {
  const response = await fetch(`${apiUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: opts.rawBody ?? JSON.stringify(body),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
  });
  return read(response);
}

export async function trpcQuery(
  apiUrl: string,
  path: string,
  input: unknown,
  opts: { headers?: Record<string, string>; rawInput?: string; timeoutMs?: number } = {},
): Promise<TrpcAnswer> {
  const encoded = encodeURIComponent(opts.rawInput ?? JSON.stringify(input));
  const response = await fetch(`${apiUrl}/trpc/${path}?input=${encoded}`, {
    headers: opts.headers ?? {},
    signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
  });
  return read(response);
}

export const SHOPPER = {
  type: 'private' as const,
  name: 'Иван Петров',
  email: 'ivan@example.ru',
  phone: '+7 900 123-45-67',
};

/** One checkout as the storefront sends it: server-side prices, one idempotency key per attempt. */
export function checkoutInput(idempotencyKey: string) {
  return {
    idempotencyKey,
    lines: [
      { sku: 'TEA-100', quantity: 2 },
      { sku: 'CONSULT-1H', quantity: 1 },
    ],
    customer: SHOPPER,
  };
}
