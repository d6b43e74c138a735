/**
 * round(a * b / c) with halves rounded away from zero, on integers only. Uses plain numbers while the product is
 * exact and falls back to BigInt beyond 2^53, so no input silently loses precision.
 */
export function mulDivRound(a: number, b: number, c: number): number {
  if (c <= 0 || !Number.isSafeInteger(c))
    throw new RangeError(`Divisor must be a positive safe integer, got ${c}`);
  const product = a * b;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(product * 2)) {
    const magnitude = Math.abs(product);
    const remainder = magnitude % c;
    const quotient = (magnitude - remainder) / c + (remainder * 2 >= c ? 1 : 0);
    return product < 0 ? -quotient : quotient;
  }
  const p = BigInt(a) * BigInt(b);
  const big = p < 0n ? -p : p;
  const divisor = BigInt(c);
  const quotient = big / divisor + ((big % divisor) * 2n >= divisor ? 1n : 0n);
  const result = Number(p < 0n ? -quotient : quotient);
  if (!Number.isSafeInteger(result)) throw new RangeError('Amount out of the safe integer range');
  return result;
}

/** a * b exactly, as a BigInt when it would overflow a double's integer range. */
export function exactProduct(a: number, b: number): bigint {
  return BigInt(a) * BigInt(b);
}
