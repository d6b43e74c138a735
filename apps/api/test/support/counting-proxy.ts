import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Replaces the answer to the requests it matches (`METHOD /path`), as from an Invoicebox that changed a field. */
export type Garble = { request: RegExp; body: string };

/**
 * A plain HTTP forwarder in front of the sandbox that records every request the API sends to "Invoicebox";
 * with `garble`, the sandbox still does the work but the matching answers arrive as `garble.body`.
 */
export async function startCountingProxy(target: string, garble?: Garble) {
  const seen: string[] = [];
  const server = createServer(async (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'connection',
      ),
    ) as Record<string, string>;
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method ?? 'GET',
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
      ...(upstream.headers.get('x-request-id')
        ? { 'x-request-id': upstream.headers.get('x-request-id')! }
        : {}),
    });
    res.end(garble?.request.test(`${req.method} ${req.url}`) ? garble.body : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    count: (pattern?: RegExp) => (pattern ? seen.filter((line) => pattern.test(line)).length : seen.length),
    reset: () => {
      seen.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
