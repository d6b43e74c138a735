import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  body: Buffer;
  headers: IncomingMessage['headers'];
  /** Header names exactly as they came over the wire (Node lowercases `headers`). */
  rawHeaders: string[];
}

/** A real HTTP endpoint for notifications; `answer` decides the reply to each request (in arrival order). */
export async function startReceiver(
  answer: (req: Received, index: number) => { status: number; body: string },
) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { body: Buffer.concat(chunks), headers: req.headers, rawHeaders: req.rawHeaders };
      received.push(entry);
      const reply = answer(entry, received.length - 1);
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/invoicebox`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
