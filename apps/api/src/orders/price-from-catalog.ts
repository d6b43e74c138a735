import type { Deps } from '../deps.js';
import { FieldErrors } from '../errors.js';
import type { CreateOrderInput } from './inputs.js';

export type PricedLine = {
  position: number;
  sku: string;
  name: string;
  quantity: number;
  /** Kopecks, from our catalog (never from the request). */
  unitPrice: number;
  vatCode: string;
  measure: string;
  measureCode: string;
  itemType: string;
  paymentType: string;
};

/**
 * The cart's lines priced from our catalog (never from the request); an unknown or withdrawn SKU is an error
 * naming its line.
 */
export async function priceFromCatalog(
  deps: Deps,
  input: Pick<CreateOrderInput, 'lines'>,
): Promise<PricedLine[]> {
  const bySku = await deps.catalog.bySku();
  const unknown = input.lines.flatMap((line, index) =>
    bySku.has(line.sku)
      ? []
      : [{ path: ['lines', index, 'sku'], message: `unknown product sku "${line.sku}"` }],
  );
  if (unknown.length > 0) throw new FieldErrors(unknown);
  return input.lines.map((line, index) => {
    const product = bySku.get(line.sku)!;
    return {
      position: index,
      sku: line.sku,
      name: product.name,
      quantity: line.quantity,
      unitPrice: product.price,
      vatCode: product.vatCode,
      measure: product.measure,
      measureCode: product.measureCode,
      itemType: String(product.type),
      paymentType: String(product.paymentType),
    };
  });
}
