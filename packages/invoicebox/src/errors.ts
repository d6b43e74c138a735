/** Base class of every error this package throws, so callers can catch the whole family at once. */
export class InvoiceboxError extends Error {
  override name = 'InvoiceboxError';
}

/** A money value that cannot be represented exactly in kopecks. A RangeError so generic handlers treat it as bad input. */
export class InvoiceboxMoneyError extends RangeError {
  override name = 'InvoiceboxMoneyError';
}
