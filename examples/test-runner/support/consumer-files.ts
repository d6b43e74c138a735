// A consumer's files, written into a clean npm project by sdk-tarball.test.ts. The same TypeScript is checked as
// CommonJS (consumer.ts in a package without "type") and as ESM (consumer.mts).
export const CONSUMER_TS = `
import { fromKopecks, type OrderNotification, verifyNotification } from '@checkout/invoicebox';
import { signedTestNotification, testNotification } from '@checkout/invoicebox/testing';
import { type BuiltBasket, buildBasket } from '@checkout/invoicebox/web';

const key = 'test-key';
const { body, headers } = signedTestNotification(testNotification({ merchantOrderId: 'A-1' }), { key });
const notification: OrderNotification = verifyNotification(Buffer.from(body), headers['X-Signature'], key);
const basket: BuiltBasket = buildBasket([{ sku: 's', name: 'Tea', unitPrice: 100, quantity: 1, vatCode: 'VATNONE' }]);
const rub: number = fromKopecks(basket.amount);
// The types are the SDK's own, not any: a wrong argument must be an error.
// @ts-expect-error kopecks are numbers
fromKopecks('100');
export { notification, rub };
`;

const RUNTIME_CHECK = `
const key = 'test-key';
const { body, headers } = testing.signedTestNotification(testing.testNotification({ merchantOrderId: 'A-1' }), { key });
const notification = sdk.verifyNotification(Buffer.from(body), headers['X-Signature'], key);
const basket = web.buildBasket([{ sku: 's', name: 'Tea', unitPrice: 12396, quantity: 3, vatCode: 'RUS_VAT20' }]);
console.log(JSON.stringify({ merchantOrderId: notification.merchantOrderId, rub: sdk.fromKopecks(basket.amount) }));
`;

export const CONSUMER_CJS = `
const sdk = require('@checkout/invoicebox');
const web = require('@checkout/invoicebox/web');
const testing = require('@checkout/invoicebox/testing');
${RUNTIME_CHECK}`;

export const CONSUMER_ESM = `
import * as sdk from '@checkout/invoicebox';
import * as web from '@checkout/invoicebox/web';
import * as testing from '@checkout/invoicebox/testing';
${RUNTIME_CHECK}`;

const strict = { strict: true, noEmit: true, skipLibCheck: true, types: ['node'] };

/** One tsconfig per resolution mode a consumer may use. */
export const TSCONFIGS = {
  node16: { compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16' } },
  nodenext: { compilerOptions: { ...strict, module: 'nodenext', moduleResolution: 'nodenext' } },
  bundler: { compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler' } },
} as const;
