import type { FastifyInstance } from 'fastify';
import { queryPairs, sendList } from '../api-reply.js';
import { COUNTERPARTY_FIELDS, checkInn, counterpartyByInn } from '../domain/counterparties.js';
import { applyFilter } from '../filter.js';
import { type ApiDeps, merchantOf } from './api-deps.js';

// `vatNumber=`, `vatNumber[]=` and `vatNumber[_eq]=` all name the INN(s) to look up.
const VAT_NUMBER_KEY = /^vatNumber(\[(_eq)?\])?$/;

/** Company lookup by INN (docs §5.13): a filter list, so paging and `metaData` work as for orders. */
export function counterpartyRoutes(app: FastifyInstance, deps: ApiDeps) {
  app.get('/filter/api/counterparty-detail', async (request, reply) => {
    merchantOf(deps, request);
    const pairs = queryPairs(request);
    const asked = pairs.filter(([key]) => VAT_NUMBER_KEY.test(key)).map(([, value]) => value);
    const inns = asked.length === 0 ? [checkInn(undefined)] : asked.map(checkInn);
    const rows = [...new Set(inns)].map(counterpartyByInn);
    return sendList(reply, applyFilter(rows, pairs, COUNTERPARTY_FIELDS));
  });
}
