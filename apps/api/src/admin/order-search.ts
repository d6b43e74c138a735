import { eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { orders } from '../db/schema.js';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
/** A part of an address as a prefix of one of its suffixes (email_suffixes()): a quoted tsquery lexeme, taken as typed. */
const suffixQuery = (fragment: string) =>
  `'${fragment.toLowerCase().replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE_CHARS = /^[\d\s()+-]+$/;

/** A whole Russian number as it is stored (11 digits from 7), however it was typed: 8…, +7…, or without the 7. */
function wholePhone(digits: string): string[] {
  if (digits.length === 10) return [digits, `7${digits}`];
  if (digits.length === 11 && digits.startsWith('8')) return [digits, `7${digits.slice(1)}`];
  return [digits];
}

/**
 * What staff type into the search box, as one condition each arm of which has an index: the order number
 * ("1234", "№ 1234"; unique btree), our order id or Invoicebox's (equality), a whole phone number (10+ digits,
 * punctuation ignored, as phones are stored as digits; btree) or any part of one (5+ digits; trigram GIN), an
 * e-mail address from its start ("ivan.petrov@…", case ignored; btree on lower()) or any part of one without the
 * "@" (3+ characters, case ignored; GIN over the address's suffixes, orders_email_suffix_idx).
 * Shorter fragments would match too much to be useful and find nothing by those keys.
 */
export function orderSearch(raw: string): SQL | undefined {
  const search = raw.trim();
  if (!search) return undefined;
  const arms: SQL[] = [];
  const number = /^№?\s*(\d{1,9})$/.exec(search)?.[1];
  if (number) arms.push(eq(orders.number, Number(number)));
  if (UUID.test(search)) {
    arms.push(eq(orders.id, search.toLowerCase()), eq(orders.invoiceboxOrderId, search.toLowerCase()));
  } else if (PHONE_CHARS.test(search)) {
    const digits = search.replace(/\D/g, '');
    if (digits.length >= 10) arms.push(inArray(orders.customerPhone, wholePhone(digits)));
    else if (digits.length >= 5) arms.push(like(orders.customerPhone, `%${digits}%`));
  } else if (!number) {
    const at = search.indexOf('@');
    if (at > 0) {
      arms.push(sql`lower(${orders.customerEmail}) LIKE ${`${escapeLike(search.toLowerCase())}%`}`);
    } else if (search.length >= 3) {
      arms.push(sql`email_suffixes(${orders.customerEmail}) @@ ${suffixQuery(search)}::tsquery`);
    }
    // Invoicebox ids are UUIDs today; an id of another shape is still found by equality.
    if (/^[\w.:-]{1,100}$/.test(search)) arms.push(eq(orders.invoiceboxOrderId, search));
  }
  // Nothing it could be: no rows, rather than every order.
  return arms.length > 0 ? or(...arms) : eq(orders.number, 0);
}
