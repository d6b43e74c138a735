import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

export type TrustProxy = boolean | string | string[] | ((address: string, hop: number) => boolean);

/**
 * The client's address as Fastify's request.ip gives it for the same trustProxy setting (the same library and
 * rules), for the route served outside Fastify: X-Forwarded-For is believed only through trusted proxies.
 */
export function clientAddress(trustProxy: TrustProxy | undefined): (req: IncomingMessage) => string {
  if (!trustProxy) return (req) => req.socket.remoteAddress ?? '';
  const trust =
    typeof trustProxy === 'function'
      ? trustProxy
      : trustProxy === true
        ? () => true
        : proxyAddr.compile(
            typeof trustProxy === 'string' ? trustProxy.split(',').map((value) => value.trim()) : trustProxy,
          );
  return (req) => proxyAddr(req, trust);
}
