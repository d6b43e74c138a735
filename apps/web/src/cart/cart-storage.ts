// The cart is only skus and quantities; prices always come from the API's catalog.
export type CartLine = { sku: string; quantity: number };

export const CART_STORAGE_KEY = 'checkout.cart.v1';
export const MAX_QUANTITY = 99;

const isSku = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 64 && /^[\w.-]+$/.test(value);

const isQuantity = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_QUANTITY;

/** Anything in localStorage may be stale or tampered with: keep only well-formed, unique lines. */
export function parseCart(raw: string | null): CartLine[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const seen = new Set<string>();
  const lines: CartLine[] = [];
  for (const item of parsed) {
    if (typeof item !== 'object' || item === null) continue;
    const { sku, quantity } = item as Record<string, unknown>;
    if (!isSku(sku) || !isQuantity(quantity) || seen.has(sku)) continue;
    seen.add(sku);
    lines.push({ sku, quantity });
  }
  return lines;
}

export function clampQuantity(quantity: number): number {
  if (!Number.isFinite(quantity)) return 1;
  return Math.min(MAX_QUANTITY, Math.max(0, Math.trunc(quantity)));
}
