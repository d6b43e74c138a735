import { DEMO_SHOP, serializeInvoiceboxJson, signNotification } from '@checkout/invoicebox';

export type Answer = { status: string; code?: string; message?: string };

/** Posts raw bytes to the webhook the way Invoicebox does; returns HTTP status and the parsed reply. */
export async function deliver(
  apiUrl: string,
  body: string,
  signature: string | null,
): Promise<{ http: number; answer: Answer }> {
  const response = await fetch(`${apiUrl}/webhooks/invoicebox`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'x-signature': signature }),
    },
    body,
  });
  return { http: response.status, answer: (await response.json()) as Answer };
}

/** A notification body exactly as Invoicebox would serialise it, with its valid signature. */
export function signed(payload: Record<string, unknown>, key: string = DEMO_SHOP.notificationKey) {
  const body = serializeInvoiceboxJson(payload);
  return { body, signature: signNotification(body, key) };
}
