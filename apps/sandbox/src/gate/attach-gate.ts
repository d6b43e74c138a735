import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import { ApiError } from '../api-error.js';
import type { SandboxContext } from '../context.js';
import { GateHub } from './gate-hub.js';

/** Only `/v3/` works on Invoicebox's gate host; the sandbox serves it beside the API. */
export const GATE_PATH = '/v3/gate/rpc';

function refuse(socket: Duplex, status: number, statusText: string, error: ApiError) {
  const body = JSON.stringify(error.toJSON());
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** `?token=` as the docs show; a Bearer header works too, as on the API. */
function tokenOf(request: IncomingMessage, url: URL): string | undefined {
  const query = url.searchParams.get('token');
  if (query) return query;
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** Serves the WebSocket gate on the sandbox's HTTP server and feeds it every notification the notifier sends. */
export function attachGate(app: FastifyInstance, ctx: SandboxContext): GateHub {
  const hub = new GateHub({
    store: ctx.store,
    timeoutMs: ctx.notifier.opts.timeoutMs,
    retryTimeScale: ctx.notifier.opts.retryTimeScale,
    log: ctx.log,
  });
  const unsubscribe = ctx.notifier.subscribe(hub);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://sandbox');
    if (url.pathname.replace(/\/+$/, '') !== GATE_PATH) {
      return refuse(socket, 404, 'Not Found', new ApiError(404, 'not_found', `No gate at ${url.pathname}`));
    }
    const token = tokenOf(request, url);
    const merchant = token ? ctx.merchants.byToken(token) : undefined;
    if (!merchant)
      return refuse(socket, 401, 'Unauthorized', new ApiError(401, 'unauthorized', 'Unauthorized'));
    wss.handleUpgrade(request, socket, head, (ws) => hub.connect(ws, merchant.merchantId));
  });
  app.addHook('preClose', async () => {
    unsubscribe();
    hub.close();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
  return hub;
}
