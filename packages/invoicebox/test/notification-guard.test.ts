import fc from 'fast-check';
import { expect, it } from 'vitest';
import { isOrderNotification, orderNotificationSchema } from '../src/index.js';
import { fixtureBytes, NOTIFICATION_BODY } from './fixtures.js';

const anyValue = fc.oneof(
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);
const keys = [
  'id',
  'status',
  'merchantId',
  'merchantOrderId',
  'amount',
  'vatAmount',
  'currencyId',
  'subtype',
];
const moreKeys = ['parentId', 'paidAt', 'createdAt', 'basketItems', 'extra'];
const base = JSON.parse(fixtureBytes(NOTIFICATION_BODY).toString('utf8')) as Record<string, unknown>;

it('the hand-written fast check accepts exactly what orderNotificationSchema accepts', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom(...keys, ...moreKeys), anyValue),
      fc.boolean(),
      (patch, startFromReal) => {
        const candidate = startFromReal ? { ...base, ...patch } : patch;
        expect(isOrderNotification(candidate)).toBe(orderNotificationSchema.safeParse(candidate).success);
      },
    ),
    { numRuns: 2000 },
  );
  for (const odd of [null, [], 'x', 1, [base]]) {
    expect(isOrderNotification(odd)).toBe(orderNotificationSchema.safeParse(odd).success);
  }
});
