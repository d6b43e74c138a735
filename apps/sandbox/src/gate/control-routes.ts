import type { FastifyInstance } from 'fastify';
import type { GateHub } from './gate-hub.js';

/** What the gate holds, and a switch to cut every connection (clients are expected to reconnect). */
export function gateControlRoutes(app: FastifyInstance, hub: GateHub) {
  app.get('/_sandbox/gate', async () => ({ connections: hub.list(), pending: hub.pendingCount() }));
  app.post('/_sandbox/gate/drop', async (request) => {
    const { merchantId } = (request.body ?? {}) as { merchantId?: unknown };
    return { dropped: hub.drop(typeof merchantId === 'string' ? merchantId : undefined) };
  });
}
