/** Every `vatCode` Invoicebox accepts, including the 22% rates of 2026; `_ADDED` codes charge VAT on top of the price. */
export const VAT_CODES = [
  'VATNONE',
  'RUS_VAT0',
  'RUS_VAT5',
  'RUS_VAT7',
  'RUS_VAT10',
  'RUS_VAT20',
  'RUS_VAT22',
  'RUS_VAT5_ADDED',
  'RUS_VAT7_ADDED',
  'RUS_VAT10_ADDED',
  'RUS_VAT20_ADDED',
  'RUS_VAT22_ADDED',
] as const;

/** A `vatCode` of a basket line (Invoicebox API v3, basket item). */
export type VatCode = (typeof VAT_CODES)[number];

/** What a VAT code means for the arithmetic: the rate and whether it is included in or added to the price. */
export interface VatRate {
  /** Whole percent: 0, 5, 7, 10, 20 or 22. */
  percent: number;
  /** true for `_ADDED` codes: VAT is charged on top of the net price instead of being included in it. */
  added: boolean;
}

const RATES: Record<VatCode, VatRate> = {
  VATNONE: { percent: 0, added: false },
  RUS_VAT0: { percent: 0, added: false },
  RUS_VAT5: { percent: 5, added: false },
  RUS_VAT7: { percent: 7, added: false },
  RUS_VAT10: { percent: 10, added: false },
  RUS_VAT20: { percent: 20, added: false },
  RUS_VAT22: { percent: 22, added: false },
  RUS_VAT5_ADDED: { percent: 5, added: true },
  RUS_VAT7_ADDED: { percent: 7, added: true },
  RUS_VAT10_ADDED: { percent: 10, added: true },
  RUS_VAT20_ADDED: { percent: 20, added: true },
  RUS_VAT22_ADDED: { percent: 22, added: true },
};

/** Narrows an untrusted string (form input, database column) to a known VatCode. */
export function isVatCode(value: unknown): value is VatCode {
  return typeof value === 'string' && Object.hasOwn(RATES, value);
}

/** Rate of a VAT code; throws RangeError for a code outside VAT_CODES (e.g. a newer one read from a response). */
export function vatRate(code: VatCode): VatRate {
  const rate = RATES[code];
  if (!rate) throw new RangeError(`Unknown VAT code: ${String(code)}`);
  return rate;
}

/** Russian label for receipts and the storefront: "НДС 20%", "НДС 20% сверху", "НДС 0%", "без НДС". */
export function vatLabel(code: VatCode): string {
  if (code === 'VATNONE') return 'без НДС';
  const { percent, added } = vatRate(code);
  return added ? `НДС ${percent}% сверху` : `НДС ${percent}%`;
}
