import {
  InvoiceboxSignatureError,
  isMonitoringProbe,
  notificationReply,
  verifyNotification,
} from '@checkout/invoicebox';
import { config } from '../../../lib/config';
import { lastVerified } from '../../../lib/last-verified';

// node:crypto verifies the signature: this handler needs the Node.js runtime, not the edge runtime.
export const runtime = 'nodejs';

export async function POST(request: Request) {
  // The exact bytes Invoicebox signed. Never `await request.json()` here: re-serialising the parsed object
  // changes the bytes (Invoicebox writes "\/" and raw Cyrillic) and the signature no longer matches.
  const rawBody = Buffer.from(await request.arrayBuffer());
  try {
    const notification = verifyNotification(
      rawBody,
      request.headers.get('x-signature'),
      config.notificationKey,
    );
    if (isMonitoringProbe(notification)) return Response.json(notificationReply.success());
    // Here: find notification.merchantOrderId, compare amount and currency, mark it paid once.
    lastVerified.set({ notification, rawBody: rawBody.toString('utf8') });
    return Response.json(notificationReply.success());
  } catch (error) {
    if (error instanceof InvoiceboxSignatureError) {
      console.error(error.message);
      return Response.json(notificationReply.error('signature_error', error.message));
    }
    return Response.json(notificationReply.error('out_of_service'));
  }
}
