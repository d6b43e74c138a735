/**
 * Every VAT code a client may send: the docs' four, the 2026 list Invoicebox's MCP client uses (5/7/22 % and the
 * `_ADDED` "on top" codes), and 1C-Bitrix's `NONE`, which means no VAT like `VATNONE`.
 */
export const VAT_CODES = [
  'VATNONE',
  'NONE',
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

export type VatCode = (typeof VAT_CODES)[number];

/** Whole percent of the code; 0 for no VAT and for 0 %. Included and "on top" VAT share the line-total formula. */
export function vatPercent(code: VatCode): number {
  const match = /^RUS_VAT(\d+)/.exec(code);
  return match ? Number(match[1]) : 0;
}

/** The docs' spelling of a code, for labels (`NONE` is Bitrix's `VATNONE`). */
export const canonicalVatCode = (code: VatCode): Exclude<VatCode, 'NONE'> =>
  code === 'NONE' ? 'VATNONE' : code;
