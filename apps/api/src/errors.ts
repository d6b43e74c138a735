/**
 * What the domain throws when a request cannot be done. Plain classes, so the reconciler and scripts can call the
 * domain with no tRPC around it; trpc/init.ts gives each class its tRPC code, once, at the edge.
 */
export abstract class DomainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No such order, refund or request. */
export class NotFound extends DomainError {}

/** The action does not fit the record's current state (an unpaid order refunded, nothing left to refund…). */
export class InvalidState extends DomainError {}

/** The record changed meanwhile, or disagrees with Invoicebox's copy. */
export class Conflict extends DomainError {}

export type FieldProblem = { path: (string | number)[]; message: string };

/** Input that passed the schema but not the shop's rules; names each offending field. */
export class FieldErrors extends DomainError {
  constructor(readonly fields: FieldProblem[]) {
    super(fields.map((f) => `${f.path.join('.')}: ${f.message}`).join('; '));
  }
}

/** Invoicebox said no (or an earlier attempt failed for good): the same request will not succeed. */
export class InvoiceboxRefused extends DomainError {}

/** Invoicebox did not confirm in time; nothing is lost, repeating the same request continues. */
export class InvoiceboxUnavailable extends DomainError {}

/** Invoicebox asks us to slow down. */
export class RateLimited extends DomainError {}

/** Invoicebox answered with something we will not pass on (an unusable payment link). */
export class BadGateway extends DomainError {}
