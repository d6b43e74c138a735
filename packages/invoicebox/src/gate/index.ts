export type { GateBackoff } from './backoff.js';
export {
  type ConnectGateOptions,
  connectGate,
  type Gate,
  type GateEvents,
  type GateLogEntry,
  type GateLogger,
  type GateNotificationContext,
  type GateNotificationHandler,
  type GateState,
  INVOICEBOX_GATE_URL,
} from './connect-gate.js';
