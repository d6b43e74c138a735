export { type BasketIssue, type BasketIssueCode, InvoiceboxBasketError } from './basket-error.js';
export {
  type BasketLineInput,
  type BuiltBasket,
  type BuiltBasketLine,
  buildBasket,
  computeLineAmounts,
  type LineAmounts,
} from './build-basket.js';
export { fromMilliUnits, toMilliUnits } from './quantity.js';
export { toBasketItems } from './to-basket-items.js';
export {
  assertValidBasket,
  type BasketCheckMode,
  type BasketOrder,
  type ValidateBasketOptions,
  validateBasket,
} from './validate-basket.js';
