export * from './basket/index.js';
export { isValidInn, KPP_PATTERN } from './customer.js';
export { DEMO_SHOP } from './demo.js';
export { InvoiceboxError, InvoiceboxMoneyError } from './errors.js';
export { formatRub, fromKopecks, kopecksToDecimalString, toKopecks } from './money.js';
export * from './notifications/index.js';
export * from './schemas/index.js';
export { isVatCode, VAT_CODES, type VatCode, type VatRate, vatLabel, vatRate } from './vat.js';
