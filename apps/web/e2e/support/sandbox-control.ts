// The sandbox's control API (contracts section 2): what Invoicebox "saw", and switches for bad days.
export type Delivery = {
  id: string;
  orderId: string;
  event: 'payment' | 'cancellation' | 'expiry' | 'refund' | 'probe';
  outcome: 'delivered' | 'retrying' | 'failed' | 'rejected' | 'dropped';
  responseStatus: number | null;
  responseBody: string | null;
  at: string;
};

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  if (!response.ok)
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const sandboxControl = (sandboxUrl: string) => ({
  deliveries: (orderId: string) =>
    call<{ deliveries: Delivery[] }>(
      `${sandboxUrl}/_sandbox/deliveries?orderId=${encodeURIComponent(orderId)}`,
    ).then((body) => body.deliveries),
  orders: () =>
    call<{ orders: { id: string; status: string; merchantOrderId?: string }[] }>(
      `${sandboxUrl}/_sandbox/orders`,
    ).then((body) => body.orders),
  order: (ref: string) =>
    call<{ order: Record<string, unknown> & { id: string; status: string }; deliveries: Delivery[] }>(
      `${sandboxUrl}/_sandbox/orders/${encodeURIComponent(ref)}`,
    ),
  pay: (ref: string) =>
    call<{ order: { id: string; status: string } }>(
      `${sandboxUrl}/_sandbox/orders/${encodeURIComponent(ref)}/pay`,
      {
        method: 'POST',
        body: '{}',
      },
    ),
  setNotificationMode: (mode: 'deliver' | 'drop') =>
    call<unknown>(`${sandboxUrl}/_sandbox/settings`, {
      method: 'PUT',
      body: JSON.stringify({ notifications: { mode, dropRate: 0 } }),
    }),
});
