import { uuidv7 } from './ids.js';
import { postNotification } from './post-notification.js';
import { signBody } from './sign-body.js';
import type { Store } from './store/store.js';
import type { Delivery, DeliveryEvent, DeliveryOutcome, SignatureAlgorithm } from './types.js';

const MINUTE = 60_000;
/** Ten retries after the first attempt, about 24 hours in all (1m, 5m, 10m, 30m, 1h, 2h, 3h, 4h, 6h, 7h). */
export const RETRY_SCHEDULE_MS = [1, 5, 10, 30, 60, 120, 180, 240, 360, 420].map((m) => m * MINUTE);

export interface NotifierOptions {
  store: Store;
  timeoutMs: number;
  retryTimeScale: number;
  log: (message: string) => void;
}

interface Job {
  notificationId: string;
  orderId: string;
  merchantId: string;
  event: DeliveryEvent;
  url: string;
  body: string;
  signature: string;
}

const MAX_RESPONSE_CHARS = 4000;

/** A notification as queued, for other channels (the WebSocket gate) that carry the same events. */
export interface SentNotification {
  orderId: string;
  merchantId: string;
  event: DeliveryEvent;
  body: string;
}

/** Told of every notification not dropped, and of resets. */
export interface NotifierListener {
  sent(notification: SentNotification): void;
  reset(): void;
}

/** Sends signed notifications, records every attempt and retries failed ones on Invoicebox's schedule. */
export class Notifier {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private closed = false;
  /** Bumped by reset(): attempts scheduled before a reset must not write into the fresh state. */
  private generation = 0;
  private readonly listeners = new Set<NotifierListener>();

  constructor(readonly opts: NotifierOptions) {}

  /** Queues a notification. `honourDrop` = apply the 'drop' settings (automatic notifications only). */
  send(
    input: {
      orderId: string;
      merchantId: string;
      event: DeliveryEvent;
      url: string;
      body: string;
      key: string;
      algorithm?: SignatureAlgorithm;
    },
    honourDrop = true,
  ): Delivery {
    const job: Job = {
      notificationId: uuidv7(),
      orderId: input.orderId,
      merchantId: input.merchantId,
      event: input.event,
      url: input.url,
      body: input.body,
      signature: signBody(input.body, input.key, input.algorithm),
    };
    const { mode, dropRate } = this.opts.store.data.settings.notifications;
    if (honourDrop && (mode === 'drop' || (dropRate > 0 && Math.random() < dropRate))) {
      return this.record(job, 1, { outcome: 'dropped', responseStatus: null, responseBody: null });
    }
    const { orderId, merchantId, event, body } = input;
    for (const listener of this.listeners) listener.sent({ orderId, merchantId, event, body });
    const pending = this.record(job, 1, { outcome: 'retrying', responseStatus: null, responseBody: null });
    // The first attempt runs right away but outside the caller's request, like Invoicebox's queue.
    this.schedule(job, 1, 0, pending);
    return pending;
  }

  /** No URL to post to: only a shop listening on the gate hears of the event (the drop settings apply, as to posts). */
  announce(notification: SentNotification) {
    const { mode, dropRate } = this.opts.store.data.settings.notifications;
    if (mode === 'drop' || (dropRate > 0 && Math.random() < dropRate)) return;
    for (const listener of this.listeners) listener.sent(notification);
  }

  subscribe(listener: NotifierListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After a restart: deliveries that were waiting for a retry are scheduled again. */
  resume() {
    const latest = new Map<string, Delivery>();
    for (const d of this.opts.store.data.deliveries) latest.set(d.notificationId, d);
    for (const d of latest.values()) {
      if (d.outcome !== 'retrying') continue;
      const job: Job = { ...d, body: d.requestBody };
      const next = d.responseStatus === null && !d.error && !d.nextAttemptAt ? d.attempt : d.attempt + 1;
      const delay = d.nextAttemptAt ? Math.max(0, Date.parse(d.nextAttemptAt) - Date.now()) : 0;
      this.schedule(job, next, delay, next === d.attempt ? d : undefined);
    }
  }

  /** Forgets every pending retry (control API reset). */
  reset() {
    this.generation += 1;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const listener of this.listeners) listener.reset();
  }

  private schedule(job: Job, attempt: number, delayMs: number, placeholder?: Delivery) {
    if (this.closed) return;
    const generation = this.generation;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.attempt(job, attempt, generation, placeholder).finally(() =>
        this.inFlight.delete(run),
      );
      this.inFlight.add(run);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(job: Job, attempt: number, generation: number, placeholder?: Delivery) {
    const result = await this.post(job);
    if ((this.closed && result.error === 'aborted') || generation !== this.generation) return;
    const retriesLeft = attempt <= RETRY_SCHEDULE_MS.length;
    let outcome: DeliveryOutcome = result.outcome;
    let nextAttemptAt: string | undefined;
    if (outcome === 'retrying') {
      if (retriesLeft) {
        const delay = (RETRY_SCHEDULE_MS[attempt - 1] ?? 0) * this.opts.retryTimeScale;
        nextAttemptAt = new Date(Date.now() + delay).toISOString();
        this.schedule(job, attempt + 1, delay);
      } else outcome = 'failed';
    }
    const fields = { ...result, outcome, nextAttemptAt };
    if (placeholder) {
      Object.assign(placeholder, fields, { at: new Date().toISOString() });
      if (!nextAttemptAt) delete placeholder.nextAttemptAt;
      this.opts.store.changed();
    } else this.record(job, attempt, fields);
    this.opts.log(`notification ${job.event} ${job.orderId} attempt ${attempt} -> ${outcome}`);
  }

  private async post(
    job: Job,
  ): Promise<Pick<Delivery, 'outcome' | 'responseStatus' | 'responseBody' | 'error'>> {
    try {
      const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.opts.timeoutMs)]);
      const { status, text } = await postNotification(
        job.url,
        job.body,
        job.signature,
        signal,
        MAX_RESPONSE_CHARS,
      );
      return { ...judge(status, text), responseStatus: status, responseBody: text };
    } catch (error) {
      const name = (error as Error).name;
      const message =
        name === 'TimeoutError'
          ? `no answer within ${this.opts.timeoutMs} ms`
          : name === 'AbortError'
            ? 'aborted'
            : `${(error as Error).message}${(error as { cause?: Error }).cause ? `: ${(error as { cause: Error }).cause.message}` : ''}`;
      return { outcome: 'retrying', responseStatus: null, responseBody: null, error: message };
    }
  }

  private record(
    job: Job,
    attempt: number,
    fields: Pick<Delivery, 'outcome' | 'responseStatus' | 'responseBody'> & Partial<Delivery>,
  ): Delivery {
    const delivery: Delivery = {
      id: uuidv7(),
      notificationId: job.notificationId,
      orderId: job.orderId,
      merchantId: job.merchantId,
      event: job.event,
      url: job.url,
      attempt,
      requestBody: job.body,
      signature: job.signature,
      at: new Date().toISOString(),
      ...fields,
    };
    if (delivery.nextAttemptAt === undefined) delete delivery.nextAttemptAt;
    if (delivery.error === undefined) delete delivery.error;
    this.opts.store.data.deliveries.push(delivery);
    this.opts.store.changed();
    return delivery;
  }

  async close() {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }
}

/** Delivered only on 200 + `{"status":"success"}`; `out_of_service`, non-200 or bad JSON retry; other codes reject. */
export function judge(status: number, text: string): { outcome: DeliveryOutcome; error?: string } {
  if (status !== 200) return { outcome: 'retrying', error: `HTTP ${status}` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { outcome: 'retrying', error: 'answer is not JSON' };
  }
  const reply = (body ?? {}) as { status?: unknown; code?: unknown };
  if (reply.status === 'success') return { outcome: 'delivered' };
  if (reply.status === 'error') {
    const code = typeof reply.code === 'string' && reply.code ? reply.code : 'out_of_service';
    if (code === 'out_of_service') return { outcome: 'retrying', error: 'out_of_service' };
    return { outcome: 'rejected', error: code };
  }
  return { outcome: 'retrying', error: 'answer has no "status": "success"' };
}
