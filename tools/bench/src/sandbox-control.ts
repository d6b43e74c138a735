// The sandbox's control API (contracts section 2), as the drills use it.

export type SandboxDelivery = {
  id: string;
  orderId: string;
  event: string;
  attempt: number;
  requestBody: string;
  signature: string;
  responseStatus: number | null;
  responseBody: string | null;
  outcome: 'delivered' | 'retrying' | 'failed' | 'rejected' | 'dropped';
  error?: string;
};

export type SandboxOrder = { id: string; merchantOrderId: string; status: string; amount: number };

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init?.method ?? 'GET'} ${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function sandboxControl(sandboxUrl: string) {
  const base = `${sandboxUrl}/_sandbox`;
  return {
    pay: (ref: string, card?: string) =>
      call<{ order: SandboxOrder }>(`${base}/orders/${ref}/pay`, json(card ? { card } : {})),
    orders: () => call<{ orders: SandboxOrder[] }>(`${base}/orders`).then((r) => r.orders),
    order: (ref: string) =>
      call<{ order: SandboxOrder; deliveries: SandboxDelivery[] }>(`${base}/orders/${ref}`),
    deliveries: (orderId?: string) =>
      call<{ deliveries: SandboxDelivery[] }>(
        `${base}/deliveries${orderId ? `?orderId=${encodeURIComponent(orderId)}` : ''}`,
      ).then((r) => r.deliveries),
    settings: (notifications: { mode?: 'deliver' | 'drop'; dropRate?: number }) =>
      call<unknown>(`${base}/settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ notifications }),
      }),
  };
}

export type SandboxControl = ReturnType<typeof sandboxControl>;
