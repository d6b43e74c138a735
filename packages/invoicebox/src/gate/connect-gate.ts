import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { type NotificationReply, notificationReply } from '../notifications/reply.js';
import { serializeInvoiceboxJson } from '../notifications/serialize-invoicebox-json.js';
import { type OrderNotification, orderNotificationSchema } from '../schemas/notification.js';
import { PACKAGE_VERSION } from '../version.js';
import { type GateBackoff, reconnectDelay } from './backoff.js';
import { firstParam, isCall, RPC_ERRORS, type RpcMessage, rpcIdOf } from './rpc-message.js';

/** Invoicebox's gate; pass it (or the sandbox's `ws://localhost:4010/v3/gate/rpc`) as `url`. */
export const INVOICEBOX_GATE_URL = 'wss://ws-gate.invoicebox.ru/v3/gate/rpc';

/** `connecting` → `open` → (`waiting` for the next attempt → `connecting` → …) → `closed` after close(). */
export type GateState = 'connecting' | 'open' | 'waiting' | 'closed';

/** Any pino-style logger (`logger.warn(data, message)`); every method is optional. */
export interface GateLogger {
  /** Connected. */
  info?(data: Record<string, unknown>, message: string): void;
  /** Disconnected (with the next attempt's delay), a refused upgrade, params that are not a notification. */
  warn?(data: Record<string, unknown>, message: string): void;
  /** The handler threw, or no connection could even be attempted. */
  error?(data: Record<string, unknown>, message: string): void;
}

/** What comes with each notification besides the parsed order. */
export interface GateNotificationContext {
  /**
   * The order JSON re-encoded the way Invoicebox encodes bodies (serializeInvoiceboxJson): the same bytes as the
   * HTTP notification's body whenever the gate carries the same JSON, so one idempotency key serves both.
   */
  raw: string;
  /** The JSON-RPC id of this delivery (a redelivery gets a new one). */
  callId: string | number | null;
}

/**
 * Applies one notification. Resolve with nothing (= `{"status":"success"}`) or with a notificationReply to send
 * back; throw (or reject) to have the gate deliver it again later. It may run more than once for one event.
 */
export type GateNotificationHandler = (
  notification: OrderNotification,
  context: GateNotificationContext,
) => NotificationReply | undefined | Promise<NotificationReply | undefined>;

/** Options of connectGate. */
export interface ConnectGateOptions {
  /** `wss://ws-gate.invoicebox.ru/v3/gate/rpc` (INVOICEBOX_GATE_URL) or the sandbox's; `token` is added to it. */
  url: string;
  /** The shop's API token (the same as the client's). */
  token: string;
  onNotification: GateNotificationHandler;
  logger?: GateLogger;
  /** Aborting it is close(). */
  signal?: AbortSignal;
  /** Reconnect delays; default 500 ms doubling up to 30 s, half of each random. */
  backoff?: GateBackoff;
  /** A ping this often; no pong by the next one = the connection is dead and is replaced. Default 30 s, 0 = off. */
  pingIntervalMs?: number;
}

/** One line of the log the gate may ask for with getStatus (no customer data in it). */
export interface GateLogEntry {
  at: string;
  event: 'notification' | 'rejected_params' | 'handler_error';
  orderId?: string;
  status?: string;
  answer?: string;
}

/** The events a Gate emits, with their arguments. */
export interface GateEvents {
  state: [state: GateState];
  /** A notification the handler took, and what was answered. */
  notification: [event: { notification: OrderNotification; reply: NotificationReply }];
  /** The handler threw: the gate was answered with a JSON-RPC error and will deliver the event again. */
  handlerError: [event: { notification: OrderNotification; error: unknown }];
  /** The connection ended (or could not be made); `retryInMs` is null after close(). */
  disconnected: [event: { code: number; reason: string; retryInMs: number | null }];
}

/** A running gate connection that reconnects by itself until close(). */
export interface Gate {
  readonly state: GateState;
  /** How many times a connection has opened (1 after the first, 2 after the first reconnect, …). */
  readonly connections: number;
  /** Adds a listener (see GateEvents). */
  on<E extends keyof GateEvents>(event: E, listener: (...args: GateEvents[E]) => void): Gate;
  /** Removes a listener added with on(). */
  off<E extends keyof GateEvents>(event: E, listener: (...args: GateEvents[E]) => void): Gate;
  /** Resolves when the gate is (next) open; rejects if it is closed first. */
  opened(): Promise<void>;
  /** Stops reconnecting, lets running handlers answer, then closes the socket. */
  close(): Promise<void>;
}

const LOG_SIZE = 100;
const CLOSE_GRACE_MS = 2_000;
const OPEN = 1;

function gateUrl(url: string, token: string): URL {
  const target = new URL(url);
  if (target.protocol !== 'ws:' && target.protocol !== 'wss:') {
    throw new TypeError(`connectGate: url must be ws:// or wss://, got ${target.protocol}`);
  }
  if (!token) throw new TypeError('connectGate: token is required');
  target.searchParams.set('token', token);
  return target;
}

/**
 * Connects to Invoicebox's WebSocket gate and keeps connected: each `onOrderStatusChange` goes through
 * `onNotification` and is acknowledged with the handler's reply only once it resolves (a JSON-RPC error when it
 * throws, so the event comes again); `getStatus` is answered with this client's recent log. A lost connection
 * is replaced after an exponential, jittered delay. No public URL is needed: the connection goes out.
 *
 * The gate authenticates the shop by its token over TLS and signs nothing: whoever holds the connection is
 * Invoicebox, so there is no signature to verify.
 */
export function connectGate(options: ConnectGateOptions): Gate {
  const target = gateUrl(options.url, options.token);
  const where = `${target.origin}${target.pathname}`; // never the token
  const log = options.logger ?? {};
  const emitter = new EventEmitter();
  const history: GateLogEntry[] = [];
  const running = new Set<Promise<void>>();
  let state: GateState = 'connecting';
  let socket: WebSocket | undefined;
  let failures = 0;
  let connections = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;

  const setState = (next: GateState) => {
    if (state === next) return;
    state = next;
    emitter.emit('state', next);
  };
  const remember = (entry: Omit<GateLogEntry, 'at'>) => {
    history.push({ at: new Date().toISOString(), ...entry });
    if (history.length > LOG_SIZE) history.shift();
  };

  async function handleNotification(message: RpcMessage): Promise<Record<string, unknown>> {
    const param = firstParam(message.params);
    const parsed = orderNotificationSchema.safeParse(param);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(params)').join(', ');
      log.warn?.({ fields }, 'invoicebox gate: onOrderStatusChange params are not an order notification');
      remember({ event: 'rejected_params', answer: fields });
      return { error: { code: RPC_ERRORS.invalidParams, message: `Invalid params: ${fields}` } };
    }
    const notification = parsed.data;
    const about = { orderId: notification.id, status: String(notification.status) };
    try {
      // The param as it came (the parsed copy may order its keys differently).
      const raw = serializeInvoiceboxJson(param);
      const reply =
        (await options.onNotification(notification, { raw, callId: rpcIdOf(message) })) ??
        notificationReply.success();
      remember({
        event: 'notification',
        ...about,
        answer: reply.status === 'success' ? 'success' : reply.code,
      });
      emitter.emit('notification', { notification, reply });
      return { result: reply };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      log.error?.(
        { ...about, err: text },
        'invoicebox gate: notification handler failed; it will come again',
      );
      remember({ event: 'handler_error', ...about, answer: text.slice(0, 200) });
      emitter.emit('handlerError', { notification, error });
      return { error: { code: RPC_ERRORS.handler, message: text.slice(0, 500) } };
    }
  }

  function status(params: unknown): Record<string, unknown> {
    const asked = (params as { logQuantity?: unknown } | null)?.logQuantity;
    const quantity = typeof asked === 'number' && asked >= 0 ? Math.min(Math.floor(asked), LOG_SIZE) : 40;
    return {
      version: '2.1',
      type: 'device',
      settings: { client: '@checkout/invoicebox', clientVersion: PACKAGE_VERSION, url: where },
      log: quantity === 0 ? [] : history.slice(-quantity),
    };
  }

  async function answer(ws: WebSocket, message: RpcMessage) {
    if (typeof message.method !== 'string') return; // a response: this client makes no calls
    let outcome: Record<string, unknown>;
    if (message.method === 'onOrderStatusChange') {
      if (closing) return; // not acknowledged: the gate delivers it again after the reconnect
      outcome = await handleNotification(message);
    } else if (message.method === 'getStatus') outcome = { result: status(message.params) };
    else
      outcome = {
        error: { code: RPC_ERRORS.methodNotFound, message: `Method not found: ${message.method}` },
      };
    if (!isCall(message) || ws.readyState !== OPEN) return;
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: rpcIdOf(message), method: message.method, ...outcome }));
  }

  function receive(ws: WebSocket, text: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ws.send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: null,
          error: { code: RPC_ERRORS.parse, message: 'Parse error' },
        }),
      );
      return;
    }
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
      if (typeof message !== 'object' || message === null) continue;
      const work = answer(ws, message as RpcMessage).finally(() => running.delete(work));
      running.add(work);
    }
  }

  function scheduleReconnect(code: number, reason: string) {
    const retryInMs = closing ? null : reconnectDelay(failures++, options.backoff);
    emitter.emit('disconnected', { code, reason, retryInMs });
    if (retryInMs === null) return;
    log.warn?.({ url: where, code, reason, retryInMs }, 'invoicebox gate: disconnected; reconnecting');
    setState('waiting');
    retryTimer = setTimeout(open, retryInMs);
  }

  async function open() {
    retryTimer = undefined;
    if (closing) return;
    setState('connecting');
    let ws: WebSocket;
    try {
      const { WebSocket } = await import('ws');
      if (closing) return;
      ws = new WebSocket(target, { handshakeTimeout: 10_000, maxPayload: 4 * 1024 * 1024 });
    } catch (error) {
      log.error?.({ err: (error as Error).message }, 'invoicebox gate: cannot connect');
      return scheduleReconnect(1006, (error as Error).message);
    }
    socket = ws;
    let alive = true;
    let pinger: NodeJS.Timeout | undefined;
    ws.on('open', () => {
      failures = 0;
      connections += 1;
      log.info?.({ url: where, connections }, 'invoicebox gate: connected');
      setState('open');
      const every = options.pingIntervalMs ?? 30_000;
      if (every > 0) {
        pinger = setInterval(() => {
          if (!alive) return ws.terminate();
          alive = false;
          ws.ping();
        }, every);
      }
    });
    ws.on('pong', () => {
      alive = true;
    });
    ws.on('message', (data) => receive(ws, data.toString()));
    // A refused upgrade (401 for a wrong token) arrives here as "Unexpected server response: 401".
    ws.on('error', (error) =>
      log.warn?.({ url: where, err: error.message }, 'invoicebox gate: connection error'),
    );
    ws.on('close', (code, reason) => {
      clearInterval(pinger);
      if (socket === ws) socket = undefined;
      scheduleReconnect(code, reason.toString());
    });
  }

  async function close(): Promise<void> {
    closing ??= (async () => {
      clearTimeout(retryTimer);
      await Promise.allSettled([...running]); // their answers still go out
      const ws = socket;
      if (ws && ws.readyState !== 3) {
        const gone = new Promise<void>((resolve) => ws.once('close', () => resolve()));
        ws.close(1000, 'client closing');
        const grace = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
        await gone;
        clearTimeout(grace);
      }
      setState('closed');
    })();
    return closing;
  }

  const gate: Gate = {
    get state() {
      return state;
    },
    get connections() {
      return connections;
    },
    on(event, listener) {
      emitter.on(event, listener as (...args: unknown[]) => void);
      return gate;
    },
    off(event, listener) {
      emitter.off(event, listener as (...args: unknown[]) => void);
      return gate;
    },
    opened() {
      if (state === 'open') return Promise.resolve();
      if (state === 'closed' || closing) return Promise.reject(new Error('invoicebox gate is closed'));
      return new Promise((resolve, reject) => {
        const watch = (next: GateState) => {
          if (next !== 'open' && next !== 'closed') return;
          emitter.off('state', watch);
          if (next === 'open') resolve();
          else reject(new Error('invoicebox gate is closed'));
        };
        emitter.on('state', watch);
      });
    },
    close,
  };

  if (options.signal?.aborted) {
    closing = Promise.resolve();
    state = 'closed';
    return gate;
  }
  options.signal?.addEventListener('abort', () => void close(), { once: true });
  void open();
  return gate;
}
