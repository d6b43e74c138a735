import {
  InvoiceboxSignatureError,
  isMonitoringProbe,
  notificationReply,
  type OrderNotification,
  verifyNotification,
} from '@checkout/invoicebox';
import express from 'express';
import { config } from './config.js';
import { createOrder } from './orders.js';

const app = express();

// Only for this demo: the last notification that passed verification, so you (and the example's test) can see it.
let lastVerified: { notification: OrderNotification; rawBody: string } | null = null;

// The webhook route is registered BEFORE any app.use(express.json()): express.raw keeps the exact bytes
// Invoicebox signed. A JSON parser in front of this route would hand verifyNotification an object instead.
app.post('/webhooks/invoicebox', express.raw({ type: '*/*' }), (req, res) => {
  try {
    const notification = verifyNotification(req.body, req.headers['x-signature'], config.notificationKey);
    if (isMonitoringProbe(notification)) {
      res.json(notificationReply.success());
      return;
    }
    // Here: find notification.merchantOrderId, compare amount and currency, mark it paid once.
    lastVerified = { notification, rawBody: req.body.toString('utf8') };
    res.json(notificationReply.success());
  } catch (error) {
    if (error instanceof InvoiceboxSignatureError) {
      console.error(error.message);
      res.json(notificationReply.error('signature_error', error.message));
      return;
    }
    res.json(notificationReply.error('out_of_service'));
  }
});

app.use(express.json());

app.post('/orders', async (req, res) => {
  const merchantOrderId = String(req.body?.merchantOrderId ?? `A-${Date.now()}`);
  res.status(201).json(await createOrder(merchantOrderId));
});

app.get('/notifications/last', (_req, res) => {
  res.json(lastVerified);
});

const server = app.listen(config.port, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`listening on http://localhost:${port}`);
});
