import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import { payFromNotificationStatement } from '../../src/orders/transitions.js';

const dialect = new PgDialect();
const SUCCESS = '{"status":"success"}';
const ERROR = '{"status":"error"}';

function answer(response: ServerResponse, body: string) {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
}

/**
 * The least work that does the notification route's job, written by hand on node:http: read the raw bytes,
 * check the sha1 HMAC in constant time, parse the JSON, check the merchant and the fields it needs, run the route's own statement (prepared, straight
 * through postgres.js) and answer Invoicebox's `{"status":"success"}`. No framework, no schema, no logging:
 * the floor the route is measured against, with the same senders and the same pool.
 */
export async function startNotificationFloor(
  sql: postgres.Sql,
  key: string,
  merchantId = DEMO_SHOP.merchantId,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const given = Buffer.from(String(request.headers['x-signature'] ?? ''), 'hex');
      const expected = createHmac('sha1', key).update(raw).digest();
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        answer(response, ERROR);
        return;
      }
      const text = raw.toString('utf8');
      const body = JSON.parse(text) as Record<string, unknown>;
      // What the route must know before it writes: this shop's notification, with the fields the statement uses.
      if (
        body.merchantId !== merchantId ||
        typeof body.id !== 'string' ||
        typeof body.merchantOrderId !== 'string' ||
        typeof body.status !== 'string' ||
        typeof body.amount !== 'number' ||
        typeof body.currencyId !== 'string'
      ) {
        answer(response, ERROR);
        return;
      }
      const query = dialect.sqlToQuery(
        payFromNotificationStatement({
          notificationId: randomUUID(),
          invoiceboxId: body.id,
          merchantOrderId: body.merchantOrderId,
          status: body.status,
          subtype: 'order',
          bodySha256: createHash('sha256').update(raw).digest('hex'),
          rawBody: text,
          amount: Math.round(body.amount * 100),
          currency: body.currencyId,
          paidAt: null,
          reason: `notification ${body.id}: ${body.status}`,
        }),
      );
      sql.unsafe(query.sql, query.params as never[], { prepare: true }).then(
        () => answer(response, SUCCESS),
        () => answer(response, ERROR),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
