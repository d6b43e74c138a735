import { eq, ilike, like, or, type SQL } from 'drizzle-orm';
import { orders } from '../db/schema.js';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE_CHARS = /^[\d\s()+-]+$/;

/**
 * What staff type into the search box, as one condition every arm of which has an index: the order number
 * ("1234", "№ 1234"; unique btree), our order id or Invoicebox's (equality), any part of a phone number (5+ digits,
 * punctuation ignored, as phones are stored as digits; trigram GIN) or of an e-mail address (3+ characters, case
 * ignored; trigram GIN). Shorter fragments would match too much to be useful and find nothing by those keys.
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
    if (digits.length >= 5) arms.push(like(orders.customerPhone, `%${digits}%`));
  } else if (!number) {
    if (search.length >= 3) arms.push(ilike(orders.customerEmail, `%${escapeLike(search)}%`));
    // Invoicebox ids are UUIDs today; an id of another shape is still found by equality.
    if (/^[\w.:-]{1,100}$/.test(search)) arms.push(eq(orders.invoiceboxOrderId, search));
  }
  // Nothing it could be: no rows, rather than every order.
  return arms.length > 0 ? or(...arms) : eq(orders.number, 0);
}
