import { connectGate, type Gate, type GateBackoff } from '@checkout/invoicebox';
import type { Deps } from '../deps.js';
import type { Logger } from '../logger.js';
import { applyGateNotification } from './apply-gate-notification.js';

export type GateOptions = {
  /** `wss://ws-gate.invoicebox.ru/v3/gate/rpc`, or the sandbox's `ws://localhost:4010/v3/gate/rpc`. */
  url: string;
  /** Gate only (INVOICEBOX_NOTIFY_VIA=gate): new orders carry no notificationUrl, so Invoicebox never posts to a URL nobody serves. */
  only?: boolean;
  backoff?: GateBackoff;
};

/** Takes notifications from Invoicebox's WebSocket gate until closed, reconnecting on its own. */
export function listenGate(deps: Deps, opts: GateOptions & { token: string }, log: Logger): Gate {
  const gateLog = log.child({ component: 'invoicebox-gate' });
  return connectGate({
    url: opts.url,
    token: opts.token,
    logger: gateLog,
    ...(opts.backoff ? { backoff: opts.backoff } : {}),
    onNotification: (notification, { raw }) => applyGateNotification(deps, notification, raw, gateLog),
  });
}
