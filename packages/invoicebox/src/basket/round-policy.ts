import { exactProduct, mulDivRound } from './integer-math.js';
import { MILLI } from './quantity.js';

type Mode = 'floor' | 'ceil' | 'halfUp' | 'halfDown';

// value = numerator / denominator (both >= 0), rounded to an integer the named way.
function roundRatio(numerator: bigint, denominator: bigint, mode: Mode): bigint {
  const quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  if (twice === 0n) return quotient;
  if (mode === 'floor') return quotient;
  if (mode === 'ceil') return quotient + 1n;
  if (twice > denominator) return quotient + 1n;
  if (twice < denominator) return quotient;
  return mode === 'halfUp' ? quotient + 1n : quotient;
}

/**
 * Invoicebox's line-total check under `orderSetting.roundPolicy` (docs, create order, OrderSetting), all in kopecks
 * and thousandths of a unit:
 * - `strict` and absent: totalAmount = amount × quantity, exact to the kopeck (half-up). The docs name both
 *   `strict` and `none` as the default; we take the stricter, so a basket passing here passes under either.
 * - `none`: "acceptable when quantity × amount <= totalAmount".
 * - `floor`/`ceil`/`halfUp`/`halfDown`: the product "rounded to whole units" the named way. The docs do not say
 *   whether the unit is the kopeck or the rouble, so either reading is accepted and the server has the last word.
 */
export function lineTotalMatches(
  amount: number,
  quantityMilli: number,
  total: number,
  roundPolicy: string | undefined,
): boolean {
  if (roundPolicy === undefined || roundPolicy === 'strict') {
    return mulDivRound(amount, quantityMilli, MILLI) === total;
  }
  const product = exactProduct(amount, quantityMilli); // kopecks × 1000
  const milli = BigInt(MILLI);
  const totalBig = BigInt(total);
  switch (roundPolicy) {
    case 'none':
      return product <= totalBig * milli;
    case 'floor':
    case 'ceil':
    case 'halfUp':
    case 'halfDown':
      return (
        roundRatio(product, milli, roundPolicy) === totalBig ||
        roundRatio(product, milli * 100n, roundPolicy) * 100n === totalBig
      );
    default:
      // A policy we do not know: the server decides.
      return true;
  }
}
