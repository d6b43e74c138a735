import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `METHOD /path?query` of a request, as the hooks and `seen` name it. */
export type RequestLine = string;

export type ForwardingHooks = {
  /** Answer here instead of forwarding (JSON), or undefined to forward. */
  answer?(line: RequestLine): { status: number; json: unknown } | undefined;
  /** The body to forward in place of the one received. */
  request?(line: RequestLine, body: Buffer): Buffer;
  /** The body to answer with in place of the one the target gave. */
  response?(line: RequestLine, body: Buffer): Buffer | string;
};

/**
 * A plain HTTP forwarder in front of a server (the sandbox, as an Invoicebox between it and the API): it records
 * every request line and can answer some itself or change a body on the way, to stage what the real service may do.
 * `target` may be a function when the target starts after the proxy (its URL is read per request).
 */
export async function startForwardingProxy(target: string | (() => string), hooks: ForwardingHooks = {}) {
  const seen: RequestLine[] = [];
  const server = createServer(async (req, res) => {
    const line = `${req.method} ${req.url}`;
    seen.push(line);
    const local = hooks.answer?.(line);
    if (local) {
      res.writeHead(local.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(local.json));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const received = Buffer.concat(chunks);
    const body = hooks.request ? hooks.request(line, received) : received;
    // Hop-by-hop headers and the length (the body may have changed) are fetch's to set.
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k),
      ),
    ) as Record<string, string>;
    const base = typeof target === 'string' ? target : target();
    const upstream = await fetch(`${base}${req.url}`, {
      method: req.method ?? 'GET',
      headers,
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
    });
    const answer = Buffer.from(await upstream.arrayBuffer());
    const requestId = upstream.headers.get('x-request-id');
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
      ...(requestId ? { 'x-request-id': requestId } : {}),
    });
    res.end(hooks.response ? hooks.response(line, answer) : answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Every request line received, oldest first. */
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
