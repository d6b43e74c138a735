import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CorrectionState, FeeLine } from '../refunds/fee-types.js';
import type { RefundStatus } from '../refunds/status.js';
import type { ShipmentStatus } from '../shipments/status.js';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const products = pgTable('products', {
  sku: text('sku').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** Kopecks, VAT included. */
  price: integer('price').notNull(),
  vatCode: text('vat_code').notNull(),
  measure: text('measure').notNull(),
  measureCode: text('measure_code').notNull(),
  itemType: text('item_type').notNull(),
  paymentType: text('payment_type').notNull(),
  position: integer('position').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey(),
    number: integer('number').notNull().generatedAlwaysAsIdentity({ startWith: 1001 }),
    status: text('status').notNull(),
    customerType: text('customer_type').notNull(),
    customerName: text('customer_name').notNull(),
    customerEmail: text('customer_email').notNull(),
    customerPhone: text('customer_phone').notNull(),
    customerVatNumber: text('customer_vat_number'),
    customerKpp: text('customer_kpp'),
    customerRegistrationAddress: text('customer_registration_address'),
    /** Kopecks. */
    amount: integer('amount').notNull(),
    vatAmount: integer('vat_amount').notNull(),
    currency: text('currency').notNull().default('RUB'),
    invoiceboxOrderId: text('invoicebox_order_id'),
    paymentUrl: text('payment_url'),
    idempotencyKey: text('idempotency_key').notNull(),
    /** How many times we sent createOrder: from the second time on we look the order up first. */
    createAttempts: integer('create_attempts').notNull().default(0),
    /** Set while a request is talking to Invoicebox for this order, so a twin request waits instead. */
    placingUntil: timestamp('placing_until', { withTimezone: true, mode: 'date' }),
    failureReason: text('failure_reason'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    paidAt: timestamp('paid_at', { withTimezone: true, mode: 'date' }),
    /**
     * When some replica last took the job of checking this order with Invoicebox (the reconciler's claim, or
     * orders.sync): replicas skip rows another one just took, and orders.sync answers from the database meanwhile.
     */
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('orders_idempotency_key_uq').on(t.idempotencyKey),
    uniqueIndex('orders_invoicebox_order_id_uq').on(t.invoiceboxOrderId),
    uniqueIndex('orders_number_uq').on(t.number),
    index('orders_status_updated_idx').on(t.status, t.updatedAt),
    index('orders_customer_email_idx').on(t.customerEmail),
    // Built CONCURRENTLY after drizzle's migration transaction (db/concurrent-indexes.ts); ascending columns,
    // scanned backward for the staff list's newest-first order.
    index('orders_created_idx').on(t.createdAt, t.number).concurrently(),
    index('orders_status_created_idx').on(t.status, t.createdAt, t.number).concurrently(),
    index('orders_unsettled_held_due_idx')
      .on(sql`greatest(${t.updatedAt}, ${t.checkedAt})`)
      .where(sql`${t.status} IN ('pending', 'awaiting_payment', 'held')`)
      .concurrently(),
    index('orders_email_prefix_idx').on(sql`lower(${t.customerEmail}) text_pattern_ops`).concurrently(),
    index('orders_phone_prefix_idx').on(t.customerPhone.op('text_pattern_ops')).concurrently(),
    // email_suffixes() is created by drizzle/0003_due_and_email_suffix_indexes.sql.
    index('orders_email_suffix_idx').using('gin', sql`email_suffixes(${t.customerEmail})`).concurrently(),
    index('orders_phone_trgm_idx').using('gin', t.customerPhone.op('gin_trgm_ops')).concurrently(),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: serial('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    /** Price snapshot at order time, kopecks. */
    unitPrice: integer('unit_price').notNull(),
    total: integer('total').notNull(),
    vatCode: text('vat_code').notNull(),
    vatAmount: integer('vat_amount').notNull(),
    measure: text('measure').notNull(),
    measureCode: text('measure_code').notNull(),
    itemType: text('item_type').notNull(),
    paymentType: text('payment_type').notNull(),
  },
  (t) => [index('order_lines_order_idx').on(t.orderId)],
);

export const notifications = pgTable(
  'notifications',
  {
    /** Generated by us, so a status change can reference it in the same round trip. */
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => randomUUID()),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
    invoiceboxId: text('invoicebox_id'),
    merchantOrderId: text('merchant_order_id'),
    status: text('status'),
    subtype: text('subtype'),
    bodySha256: text('body_sha256').notNull(),
    rawBody: text('raw_body').notNull(),
    signatureValid: boolean('signature_valid').notNull(),
    /** The JSON reply we gave; repeated verbatim for a duplicate delivery. */
    answer: jsonb('answer').$type<NotificationAnswer>().notNull(),
    /** What the notification did: 'applied', 'unchanged', 'duplicate'… (for staff). */
    outcome: text('outcome').notNull(),
    deliveries: integer('deliveries').notNull().default(1),
    receivedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notifications_once_uq').on(t.invoiceboxId, t.status, t.bodySha256),
    index('notifications_order_idx').on(t.orderId),
  ],
);

export type NotificationAnswer = { status: 'success' } | { status: 'error'; code: string; message?: string };

export const orderEvents = pgTable(
  'order_events',
  {
    id: serial('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    source: text('source').notNull(),
    reason: text('reason').notNull(),
    notificationId: uuid('notification_id'),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId)],
);

/** A refunded (or shipped) part of an order line, as stored: amounts in kopecks. */
export type RefundLine = {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  total: number;
  vatAmount: number;
};

export const refunds = pgTable(
  'refunds',
  {
    /** Sent to Invoicebox as the refund's merchantOrderId: Invoicebox refuses a second refund with it. */
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    invoiceboxRefundId: text('invoicebox_refund_id'),
    lines: jsonb('lines').$type<RefundLine[]>().notNull(),
    amount: integer('amount').notNull(),
    vatAmount: integer('vat_amount').notNull(),
    /** Written only by refunds/transitions.ts (see RefundStatus). */
    status: text('status').$type<RefundStatus>().notNull(),
    reason: text('reason'),
    failureReason: text('failure_reason'),
    /** Kopecks the shop keeps out of `amount` (0 = none): a correction order on the draft refund (refunds/fee-line.ts). */
    feeAmount: integer('fee_amount').notNull().default(0),
    feeVatAmount: integer('fee_vat_amount').notNull().default(0),
    /** The fee's basket line as first sent, so finishing a half-done fee refund sends exactly the same one. */
    feeLine: jsonb('fee_line').$type<FeeLine>(),
    /** Where the correction order is (refunds/correction-state.ts); 'none' for a refund without a fee. */
    correctionState: text('correction_state').$type<CorrectionState>().notNull().default('none'),
    invoiceboxCorrectionOrderId: text('invoicebox_correction_order_id'),
    /** Why the correction order is not there yet (shown to staff next to the finish button). */
    correctionError: text('correction_error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    /** When the reconciler last claimed this refund in flight to ask Invoicebox about it (due-orders.ts). */
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('refunds_order_idx').on(t.orderId),
    uniqueIndex('refunds_invoicebox_refund_id_uq').on(t.invoiceboxRefundId),
    index('refunds_open_idx').on(t.orderId).where(sql`${t.status} IN ('pending', 'created')`).concurrently(),
    index('refunds_open_due_idx')
      .on(sql`greatest(${t.updatedAt}, ${t.checkedAt})`)
      .where(sql`${t.status} IN ('pending', 'created')`)
      .concurrently(),
  ],
);

export const refundRequests = pgTable(
  'refund_requests',
  {
    id: serial('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
    /** Set when staff answer it (a refund was made, or it was declined); until then the request is open. */
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    /** 'refunded' | 'declined' once closed. */
    resolution: text('resolution'),
  },
  (t) => [
    index('refund_requests_order_idx').on(t.orderId),
    // One open request per order: a second one while staff have not answered would only pile up.
    uniqueIndex('refund_requests_one_open_uq').on(t.orderId).where(sql`${t.closedAt} IS NULL`),
  ],
);

export type ShipmentLine = RefundLine;

export const shipments = pgTable(
  'shipments',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** Sent as documentNumber (`<order number>-<n>`): how an answer we never got is found again. */
    documentNumber: text('document_number').notNull(),
    invoiceboxShipmentId: text('invoicebox_shipment_id'),
    /** Our record of the call (see ShipmentStatus); written only by shipments/status.ts. */
    status: text('status').$type<ShipmentStatus>().notNull(),
    /** Ships the last remaining lines: Invoicebox closes the order and issues the full-settlement receipt. */
    final: boolean('final').notNull(),
    lines: jsonb('lines').$type<ShipmentLine[]>().notNull(),
    /** Kopecks. */
    amount: integer('amount').notNull(),
    vatAmount: integer('vat_amount').notNull(),
    /** Who asked for it ('staff'). */
    createdBy: text('created_by').notNull(),
    failureReason: text('failure_reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('shipments_order_idx').on(t.orderId, t.createdAt),
    uniqueIndex('shipments_document_number_uq').on(t.orderId, t.documentNumber),
  ],
);

/**
 * Outgoing Invoicebox calls shared by every replica: the times (database clock, epoch ms) of the calls made in
 * the current window, so the fleet stays under Invoicebox's per-account rate limit.
 */
export const callBudgets = pgTable('call_budgets', {
  name: text('name').primaryKey(),
  calls: doublePrecision('calls').array().notNull().default(sql`'{}'::double precision[]`),
});
