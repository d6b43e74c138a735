import { readFileSync } from 'node:fs';

/** Invoicebox's own payloads, copied into the package (see the README in that folder for provenance). */
export const FIXTURES = new URL('./fixtures/invoicebox-sdk-php/', import.meta.url);

export const fixtureBytes = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));
export const fixtureJson = (name: string): unknown => JSON.parse(fixtureBytes(name).toString('utf8'));

type Json = Record<string, unknown>;

/** A fresh copy of the create-order request example in Invoicebox's API docs (§5.1): 3 × 123.96 at RUS_VAT20. */
export const docsCreateOrderRequest = () =>
  JSON.parse(
    readFileSync(new URL('./fixtures/invoicebox-docs/create-order-request.json', import.meta.url), 'utf8'),
  ) as Json & {
    basketItems: [Json];
    customer: Json;
  };

/** The signed payment notification from the SDK and its documented X-Signature under the key `test`. */
export const NOTIFICATION_BODY = 'payment-notification.body';
export const NOTIFICATION_KEY = 'test';
export const NOTIFICATION_SIGNATURE = '4731e2fb446ba519fd9d8798a1a0873f073189e8';
