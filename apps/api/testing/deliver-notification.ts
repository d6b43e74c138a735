import type { SignedTestNotification } from '@checkout/invoicebox/testing';

export type WebhookAnswer = { status: string; code?: string; message?: string };

/** A notification request: usually `signedTestNotification(…)` from `@checkout/invoicebox/testing`. */
export type NotificationRequest = Pick<SignedTestNotification, 'body'> & { headers: Record<string, string> };

/** Posts the raw bytes to the API's webhook the way Invoicebox does; returns the HTTP status and the parsed reply. */
export async function deliverNotification(
  apiUrl: string,
  request: NotificationRequest,
): Promise<{ http: number; answer: WebhookAnswer }> {
  const response = await fetch(`${apiUrl}/webhooks/invoicebox`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  return { http: response.status, answer: (await response.json()) as WebhookAnswer };
}

/** The same body with another `X-Signature`, or none: what a forger or a stripping proxy sends. */
export function withSignature(request: NotificationRequest, signature: string | null): NotificationRequest {
  const { 'X-Signature': _dropped, ...headers } = request.headers;
  return {
    body: request.body,
    headers: signature === null ? headers : { ...headers, 'X-Signature': signature },
  };
}
