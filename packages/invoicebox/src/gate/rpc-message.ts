/** One JSON-RPC 2.0 message as the gate sends it; every field is checked before use. */
export interface RpcMessage {
  id?: unknown;
  method?: unknown;
  params?: unknown;
  result?: unknown;
  error?: unknown;
}

export type RpcId = string | number | null;

/** The request id to echo: strings and numbers as sent, anything else `null` (JSON-RPC 2.0 §5). */
export const rpcIdOf = (message: RpcMessage): RpcId =>
  typeof message.id === 'string' || typeof message.id === 'number' ? message.id : null;

/** A call the server expects an answer to (not a response, not a notification without id). */
export const isCall = (message: RpcMessage): boolean =>
  typeof message.method === 'string' &&
  message.id !== undefined &&
  !('result' in message) &&
  !('error' in message);

/** `onOrderStatusChange` carries the order as `params[0]`; a bare object is read too. */
export function firstParam(params: unknown): unknown {
  return Array.isArray(params) ? params[0] : params;
}

/** JSON-RPC error codes the client answers with. */
export const RPC_ERRORS = {
  parse: -32700,
  methodNotFound: -32601,
  invalidParams: -32602,
  /** The shop's handler threw: the gate should deliver the event again. */
  handler: -32000,
} as const;
