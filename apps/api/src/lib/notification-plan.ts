import {
  normalizeOrderStatus,
  notificationReply,
  type OrderNotification,
  toKopecks,
} from '@checkout/invoicebox';
import type { NotificationAnswer } from '../db/schema.js';

/**
 * What a verified notification will do, decided under the row lock before anything is written: the answer for
 * Invoicebox, the outcome recorded with it, and the change (if any) that commits with the record.
 */
export type NotificationPlan = {
  answer: NotificationAnswer;
  outcome: string;
  orderId: string | null;
  apply?: (notificationId: string) => Promise<unknown>;
};

export const success = (
  outcome: string,
  orderId: string | null,
  apply?: NotificationPlan['apply'],
): NotificationPlan => ({
  answer: notificationReply.success() as NotificationAnswer,
  outcome,
  orderId,
  ...(apply ? { apply } : {}),
});

export const refuse = (code: string, message: string, orderId: string | null = null): NotificationPlan => ({
  answer: notificationReply.error(
    code as Parameters<typeof notificationReply.error>[0],
    message,
  ) as NotificationAnswer,
  outcome: code,
  orderId,
});

const DECIMAL_AMOUNT = /^\d{1,15}(\.\d{1,2})?$/;

/** The wire amount in kopecks, or null when unreadable (so it never matches ours). */
export function wireKopecks(wire: unknown): number | null {
  // Invoicebox sends a JSON number; PHP code around it writes "3698.00" too (the Bitrix module does), so a plain
  // decimal string is read the same way. Anything else never matches.
  const value = typeof wire === 'string' && DECIMAL_AMOUNT.test(wire) ? Number(wire) : wire;
  if (typeof value !== 'number') return null;
  try {
    return toKopecks(value);
  } catch {
    return null;
  }
}

export const sameAmount = (wire: unknown, ours: number): boolean => wireKopecks(wire) === ours;

export const statusOf = (n: OrderNotification): string =>
  normalizeOrderStatus(String(n.status) as Parameters<typeof normalizeOrderStatus>[0]) as string;
