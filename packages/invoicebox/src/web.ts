/**
 * Browser-safe part of the package (`@checkout/invoicebox/web`): money, VAT, customer checks, basket arithmetic and
 * schemas. No Node built-ins (the notification and client code need node:crypto / process) and no demo credentials.
 */
export * from './basket/index.js';
export { isValidInn, KPP_PATTERN } from './customer.js';
export { InvoiceboxError, InvoiceboxMoneyError } from './errors.js';
export { fromKopecks, toKopecks } from './money.js';
export { formatRub, kopecksToDecimalString } from './money-format.js';
export * from './schemas/index.js';
export * from './shop-customer.js';
export { isVatCode, VAT_CODES, type VatCode, type VatRate, vatLabel, vatRate } from './vat.js';
