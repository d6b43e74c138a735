import type { refundPayout } from './domain/correction-orders.js';
import type { GateConnection } from './gate/gate-hub.js';
import type { publicMerchant } from './merchants.js';
import type {
  Delivery,
  NotificationSettings,
  OrderJson,
  PaymentAttempt,
  RefundJson,
  SignatureAlgorithm,
} from './types.js';

export type SandboxMerchant = ReturnType<typeof publicMerchant>;
export type SandboxRefundPayout = ReturnType<typeof refundPayout>;
export type SandboxSettings = { notifications: NotificationSettings };
export type SandboxOrderDetail = {
  order: OrderJson;
  deliveries: Delivery[];
  attempts: PaymentAttempt[];
  refunds: RefundJson[];
};
export type SandboxMerchantUpdate = {
  signatureAlgorithm?: SignatureAlgorithm;
  refundBasketAvailableAmount?: boolean;
  holdPayments?: boolean;
};

/** A non-2xx answer of the control API, with everything needed to see what went wrong. */
export class SandboxControlError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`sandbox ${method} ${path}: HTTP ${status} ${body.slice(0, 500)}`);
    this.name = 'SandboxControlError';
  }
}

/** The sandbox's `/_sandbox/*` control API, typed: what Invoicebox "saw", and switches for bad days. */
export function sandboxControl(baseUrl: string, opts: { timeoutMs?: number } = {}) {
  const base = baseUrl.replace(/\/+$/, '');
  const ref = (value: string) => encodeURIComponent(value);

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new SandboxControlError(method, path, response.status, text);
    return (text ? JSON.parse(text) : {}) as T;
  }

  return {
    /** Escape hatch for routes without a method here (and for asserting refusals). */
    call,
    orders: () => call<{ orders: OrderJson[] }>('GET', '/_sandbox/orders').then((answer) => answer.orders),
    /** `orderRef` = Invoicebox order id, orderContainerId or merchantOrderId (the newest match). */
    order: (orderRef: string) => call<SandboxOrderDetail>('GET', `/_sandbox/orders/${ref(orderRef)}`),
    pay: (orderRef: string, card?: string) =>
      call<{ order: OrderJson }>('POST', `/_sandbox/orders/${ref(orderRef)}/pay`, card ? { card } : {}),
    decline: (orderRef: string) =>
      call<{ order: OrderJson }>('POST', `/_sandbox/orders/${ref(orderRef)}/decline`, {}),
    expire: (orderRef: string) =>
      call<{ order: OrderJson }>('POST', `/_sandbox/orders/${ref(orderRef)}/expire`, {}),
    resend: (orderRef: string) =>
      call<{ order: OrderJson; delivery: Delivery }>('POST', `/_sandbox/orders/${ref(orderRef)}/resend`, {}),
    /** The monitoring probe notification, to `merchantId` (default the first merchant). */
    probe: (merchantId?: string) =>
      call<{ delivery: Delivery }>('POST', '/_sandbox/probe', merchantId ? { merchantId } : {}),
    deliveries: (orderId?: string) =>
      call<{ deliveries: Delivery[] }>(
        'GET',
        `/_sandbox/deliveries${orderId ? `?orderId=${ref(orderId)}` : ''}`,
      ).then((answer) => answer.deliveries),
    settings: () => call<SandboxSettings>('GET', '/_sandbox/settings'),
    updateSettings: (notifications: Partial<NotificationSettings>) =>
      call<SandboxSettings>('PUT', '/_sandbox/settings', { notifications }),
    merchants: () =>
      call<{ merchants: SandboxMerchant[] }>('GET', '/_sandbox/merchants').then((answer) => answer.merchants),
    merchant: (merchantId: string) => call<SandboxMerchant>('GET', `/_sandbox/merchants/${ref(merchantId)}`),
    updateMerchant: (merchantId: string, settings: SandboxMerchantUpdate) =>
      call<SandboxMerchant>('PATCH', `/_sandbox/merchants/${ref(merchantId)}`, settings),
    /** How much of a refund reached the payer once correction orders kept their part. */
    refundPayout: (refundId: string) =>
      call<SandboxRefundPayout>('GET', `/_sandbox/refunds/${ref(refundId)}`),
    /** Open WebSocket gate connections, and how many gate deliveries wait for an answer or a reconnect. */
    gate: () => call<{ connections: GateConnection[]; pending: number }>('GET', '/_sandbox/gate'),
    /** Cut every gate connection (or one merchant's); unanswered events go again when the client reconnects. */
    dropGateConnections: (merchantId?: string) =>
      call<{ dropped: number }>('POST', '/_sandbox/gate/drop', merchantId ? { merchantId } : {}),
    /** Forget every order, refund, delivery and setting change. */
    reset: () => call<{ ok: true }>('POST', '/_sandbox/reset'),
  };
}

export type SandboxControl = ReturnType<typeof sandboxControl>;
