import { InvoiceboxError } from '../errors.js';

/** Invoicebox's own error codes for basket arithmetic, plus `wrong_value` for input that is not a valid amount. */
export type BasketIssueCode =
  | 'wrong_total_amount'
  | 'wrong_total_vat_amount'
  | 'wrong_basket_item_total_amount'
  | 'wrong_basket_item_total_vat_amount'
  | 'wrong_basket_item_amount_wo_vat'
  | 'wrong_value';

/** One problem with a basket, with the API's error code and the path of the offending field. */
export interface BasketIssue {
  code: BasketIssueCode;
  /** e.g. `basketItems[1].totalAmount`, `amount`, or `lines[0].quantity` for builder input. */
  field: string;
  message: string;
}

export class InvoiceboxBasketError extends InvoiceboxError {
  override name = 'InvoiceboxBasketError';
  readonly issues: BasketIssue[];

  constructor(issues: BasketIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(first ? `${first.field}: ${first.message}${more}` : 'Invalid basket');
    this.issues = issues;
  }
}
