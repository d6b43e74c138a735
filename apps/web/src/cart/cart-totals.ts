import { buildBasket } from '@checkout/invoicebox/web';
import type { Product } from '../trpc';
import type { CartLine } from './cart-storage';

export type PricedLine = { product: Product; quantity: number; total: number };

/** Prices the cart with the catalog through the same basket arithmetic the API uses. */
export function priceCart(cart: CartLine[], products: readonly Product[] | undefined) {
  const bySku = new Map((products ?? []).map((product) => [product.sku, product]));
  const known = cart.flatMap((line) => {
    const product = bySku.get(line.sku);
    return product ? [{ product, quantity: line.quantity }] : [];
  });
  if (known.length === 0) return { lines: [] as PricedLine[], amount: 0, vatAmount: 0, count: 0 };
  const basket = buildBasket(
    known.map(({ product, quantity }) => ({
      sku: product.sku,
      name: product.name,
      unitPrice: product.price,
      quantity,
      vatCode: product.vatCode,
      measureCode: product.measureCode,
      type: product.type,
      paymentType: product.paymentType,
    })),
  );
  return {
    lines: known.map((line, index) => ({ ...line, total: basket.lines[index]?.totalAmount ?? 0 })),
    amount: basket.amount,
    vatAmount: basket.vatAmount,
    count: known.reduce((sum, line) => sum + line.quantity, 0),
  };
}
