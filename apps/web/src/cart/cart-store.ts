import { useSyncExternalStore } from 'react';
import { CART_STORAGE_KEY, type CartLine, clampQuantity, parseCart } from './cart-storage';

let lines: CartLine[] = load();
const listeners = new Set<() => void>();

function load(): CartLine[] {
  try {
    return parseCart(localStorage.getItem(CART_STORAGE_KEY));
  } catch {
    return [];
  }
}

function commit(next: CartLine[]): void {
  lines = next;
  try {
    localStorage.setItem(CART_STORAGE_KEY, JSON.stringify(next));
  } catch {
    // private mode or full storage: the cart still works for this page view
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed the cart: follow it.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== CART_STORAGE_KEY) return;
    lines = load();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useCart(): CartLine[] {
  return useSyncExternalStore(subscribe, () => lines);
}

export function setQuantity(sku: string, quantity: number): void {
  const wanted = clampQuantity(quantity);
  const rest = lines.filter((line) => line.sku !== sku);
  if (wanted === 0) commit(rest);
  else if (!lines.some((line) => line.sku === sku)) commit([...lines, { sku, quantity: wanted }]);
  else commit(lines.map((line) => (line.sku === sku ? { sku, quantity: wanted } : line)));
}

export function addToCart(sku: string): void {
  const current = lines.find((line) => line.sku === sku)?.quantity ?? 0;
  setQuantity(sku, current + 1);
}

export function replaceCart(next: CartLine[]): void {
  commit(parseCart(JSON.stringify(next)));
}

/** Drops lines whose product is no longer sold (the catalog is the authority). */
export function pruneCart(knownSkus: ReadonlySet<string>): void {
  const kept = lines.filter((line) => knownSkus.has(line.sku));
  if (kept.length !== lines.length) commit(kept);
}

export function clearCart(): void {
  commit([]);
}
