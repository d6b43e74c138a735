import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { uuidv7 } from '../ids.js';
import { judge, type NotifierListener, RETRY_SCHEDULE_MS, type SentNotification } from '../notifier.js';
import type { Store } from '../store/store.js';
import type { Delivery, DeliveryOutcome } from '../types.js';

/** What gate deliveries show as their `url` (dashboard, control API). */
export const GATE_DELIVERY_URL = 'ws: /v3/gate/rpc';

export interface GateConnection {
  id: string;
  merchantId: string;
  connectedAt: string;
  /** The client's last answer to getStatus, as it came (the docs show `version`, `type`, `settings`, `log`). */
  status: unknown;
}

interface Live extends GateConnection {
  socket: WebSocket;
  statusCallId: string;
}

interface Pending extends SentNotification {
  /** Gate deliveries get their own id: the HTTP notifier resumes its own after a restart by notificationId. */
  notificationId: string;
  attempt: number;
  retryTimer?: NodeJS.Timeout;
  /** A shop that never comes back: forgotten after the HTTP schedule's whole span, as a failed HTTP delivery is. */
  expiryTimer: NodeJS.Timeout;
  expired?: boolean;
  inFlight?: { callId: string; connection: Live; record: Delivery; timeout: NodeJS.Timeout };
}

export interface GateHubOptions {
  store: Store;
  timeoutMs: number;
  retryTimeScale: number;
  log: (message: string) => void;
}

const rpcId = () => randomBytes(10).toString('hex');

/**
 * The WebSocket gate's delivery side: every notification for a merchant that has a gate session is also sent as
 * `onOrderStatusChange` over its newest connection and kept until answered `{"status":"success"}` (or a final
 * error code), like an HTTP delivery. No answer within the timeout, a JSON-RPC error or a dropped connection
 * = another attempt: at once on the next connection, else on the HTTP retry schedule.
 */
export class GateHub implements NotifierListener {
  private readonly connections: Live[] = [];
  private readonly pending = new Map<string, Pending>();
  /** JSON-RPC id of the attempt in flight -> its delivery. */
  private readonly calls = new Map<string, Pending>();
  /** Merchants that opened a gate session since start: their events wait for a reconnect. */
  private readonly subscribers = new Set<string>();

  constructor(private readonly opts: GateHubOptions) {
    // A restart forgets the sockets; gate deliveries left waiting are re-queued rather than resumed as HTTP posts.
    const latest = new Map<string, Delivery>();
    for (const d of opts.store.data.deliveries)
      if (d.url === GATE_DELIVERY_URL) latest.set(d.notificationId, d);
    for (const d of latest.values()) {
      if (d.outcome !== 'retrying') continue;
      Object.assign(d, { outcome: 'failed', error: 'sandbox restarted; sent again on the next connection' });
      delete d.nextAttemptAt;
      this.subscribers.add(d.merchantId);
      this.queue({ orderId: d.orderId, merchantId: d.merchantId, event: d.event, body: d.requestBody });
    }
    opts.store.changed();
  }

  list(): GateConnection[] {
    return this.connections.map(({ id, merchantId, connectedAt, status }) => ({
      id,
      merchantId,
      connectedAt,
      status,
    }));
  }

  pendingCount(): number {
    return this.pending.size;
  }

  sent(notification: SentNotification): void {
    if (this.subscribers.has(notification.merchantId)) this.queue(notification);
  }

  reset(): void {
    for (const p of this.pending.values()) this.forget(p);
  }

  connect(socket: WebSocket, merchantId: string): void {
    const live: Live = {
      id: uuidv7(),
      merchantId,
      connectedAt: new Date().toISOString(),
      status: null,
      socket,
      statusCallId: rpcId(),
    };
    this.connections.push(live);
    this.subscribers.add(merchantId);
    socket.on('message', (data) => this.receive(live, data.toString()));
    socket.on('close', () => this.disconnected(live));
    socket.on('error', () => socket.terminate());
    socket.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: live.statusCallId,
        method: 'getStatus',
        params: { logQuantity: 40 },
      }),
    );
    this.opts.log(`gate: merchant ${merchantId} connected`);
    for (const p of this.pending.values()) {
      if (p.merchantId !== merchantId || p.inFlight) continue;
      clearTimeout(p.retryTimer);
      this.attempt(p);
    }
  }

  /** Drops every gate connection (tests, drills); clients are expected to reconnect. */
  drop(merchantId?: string): number {
    const victims = this.connections.filter((c) => !merchantId || c.merchantId === merchantId);
    for (const c of victims) c.socket.terminate();
    return victims.length;
  }

  close(): void {
    this.reset();
    for (const c of [...this.connections]) c.socket.terminate();
  }

  private queue(notification: SentNotification) {
    const span = RETRY_SCHEDULE_MS.reduce((sum, ms) => sum + ms, 0) * this.opts.retryTimeScale;
    const p: Pending = {
      orderId: notification.orderId,
      merchantId: notification.merchantId,
      event: notification.event,
      body: notification.body,
      notificationId: uuidv7(),
      attempt: 0,
      expiryTimer: setTimeout(() => {
        p.expired = true;
        if (!p.inFlight) this.forget(p);
      }, span + this.opts.timeoutMs),
    };
    p.expiryTimer.unref();
    this.pending.set(p.notificationId, p);
    this.attempt(p);
  }

  private forget(p: Pending) {
    this.settleTimers(p);
    clearTimeout(p.expiryTimer);
    if (p.inFlight) this.calls.delete(p.inFlight.callId);
    this.pending.delete(p.notificationId);
  }

  private attempt(p: Pending) {
    p.retryTimer = undefined;
    const connection = this.connections.findLast((c) => c.merchantId === p.merchantId);
    if (!connection) return; // sent again by connect()
    p.attempt += 1;
    const callId = rpcId();
    const record: Delivery = {
      id: uuidv7(),
      notificationId: p.notificationId,
      orderId: p.orderId,
      merchantId: p.merchantId,
      event: p.event,
      url: GATE_DELIVERY_URL,
      attempt: p.attempt,
      requestBody: p.body,
      signature: '',
      responseStatus: null,
      responseBody: null,
      outcome: 'retrying',
      at: new Date().toISOString(),
    };
    this.opts.store.data.deliveries.push(record);
    this.opts.store.changed();
    const timeout = setTimeout(
      () => this.settle(p, 'retrying', null, `no answer within ${this.opts.timeoutMs} ms`),
      this.opts.timeoutMs,
    );
    p.inFlight = { callId, connection, record, timeout };
    this.calls.set(callId, p);
    // The body is spliced in as is: the params carry exactly the bytes an HTTP delivery signs.
    connection.socket.send(
      `{"jsonrpc":"2.0","id":"${callId}","method":"onOrderStatusChange","params":[${p.body}]}`,
    );
  }

  private receive(live: Live, text: string) {
    let message: { id?: unknown; method?: unknown; result?: unknown; error?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      return; // tolerant: a client's garbage is ignored, its pending call times out
    }
    if (typeof message !== 'object' || message === null) return;
    const isCall =
      typeof message.method === 'string' &&
      message.id !== undefined &&
      !('result' in message) &&
      !('error' in message);
    if (isCall) {
      live.socket.send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32601, message: `Method not found: ${message.method}` },
        }),
      );
      return;
    }
    if (message.id === live.statusCallId) {
      live.status = message.result ?? message.error ?? null;
      return;
    }
    const p = typeof message.id === 'string' ? this.calls.get(message.id) : undefined;
    if (!p) return; // a late answer to an attempt already given up on
    const answer = text.slice(0, 4000);
    if ('result' in message) {
      const { outcome, error } = judge(200, JSON.stringify(message.result ?? null));
      this.settle(p, outcome, answer, error);
    } else {
      const e = (message.error ?? {}) as { code?: unknown; message?: unknown };
      this.settle(p, 'retrying', answer, `JSON-RPC error ${String(e.code)}: ${String(e.message)}`);
    }
  }

  private settle(p: Pending, result: DeliveryOutcome, answer: string | null, error?: string) {
    const flight = p.inFlight;
    if (!flight) return;
    this.settleTimers(p);
    this.calls.delete(flight.callId);
    p.inFlight = undefined;
    let outcome = result;
    if (outcome === 'retrying' && (p.attempt > RETRY_SCHEDULE_MS.length || p.expired)) outcome = 'failed';
    Object.assign(flight.record, { outcome, responseBody: answer, at: new Date().toISOString() });
    if (error) flight.record.error = error;
    if (outcome === 'retrying') {
      const delay = (RETRY_SCHEDULE_MS[p.attempt - 1] ?? 0) * this.opts.retryTimeScale;
      flight.record.nextAttemptAt = new Date(Date.now() + delay).toISOString();
      p.retryTimer = setTimeout(() => this.attempt(p), delay);
    } else this.forget(p);
    this.opts.store.changed();
    this.opts.log(`gate notification ${p.event} ${p.orderId} attempt ${p.attempt} -> ${outcome}`);
  }

  private settleTimers(p: Pending) {
    clearTimeout(p.retryTimer);
    p.retryTimer = undefined;
    if (p.inFlight) clearTimeout(p.inFlight.timeout);
  }

  private disconnected(live: Live) {
    const index = this.connections.indexOf(live);
    if (index >= 0) this.connections.splice(index, 1);
    this.opts.log(`gate: merchant ${live.merchantId} disconnected`);
    for (const p of this.pending.values()) {
      if (p.inFlight?.connection !== live) continue;
      this.settle(p, 'retrying', null, 'connection closed before the answer');
      // Another open connection of the merchant takes it at once; otherwise the next connect() does.
      if (this.connections.some((c) => c.merchantId === p.merchantId)) {
        clearTimeout(p.retryTimer);
        this.attempt(p);
      }
    }
  }
}
