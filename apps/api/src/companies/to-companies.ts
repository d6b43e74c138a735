import { type Counterparty, KPP_PATTERN } from '@checkout/invoicebox';

/** What the checkout form can take from a registry entry; the shopper may still change every field. */
export type Company = {
  name: string;
  /** Null for an ИП (12-digit INN) and when the registry's value is not a KPP the checkout would accept. */
  kpp: string | null;
  address: string | null;
  vatNumber: string;
};

/** A company's branches differ by KPP; more than this is not a list a shopper picks from. */
export const MAX_COMPANIES = 10;

const text = (value: string | null | undefined) => value?.trim() || null;

/** Registry rows for `vatNumber` as checkout details: one per distinct name, KPP and address. */
export function toCompanies(vatNumber: string, rows: Counterparty[]): Company[] {
  const soleTrader = vatNumber.length === 12;
  const seen = new Set<string>();
  const companies: Company[] = [];
  for (const row of rows) {
    // A row for another INN would fill the form with someone else's details.
    if (text(row.vatNumber) && text(row.vatNumber) !== vatNumber) continue;
    const name = text(row.name) ?? text(row.nameFull);
    if (!name) continue;
    const kpp = text(row.taxRegistrationReasonCode)?.toUpperCase() ?? null;
    const company: Company = {
      name,
      kpp: !soleTrader && kpp && KPP_PATTERN.test(kpp) ? kpp : null,
      address: text(row.registrationAddress) ?? text(row.postAddress),
      vatNumber,
    };
    const key = JSON.stringify(company);
    if (seen.has(key)) continue;
    seen.add(key);
    companies.push(company);
    if (companies.length === MAX_COMPANIES) break;
  }
  return companies;
}
