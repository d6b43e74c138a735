import type { RunningApi } from '@checkout/api';
import { percentile } from '@checkout/testkit';
import type postgres from 'postgres';

type Caller = ReturnType<RunningApi['caller']>;

/** One staff view, called the way the API serves it: a tRPC procedure through createCaller, or the reconciler. */
export type View = {
  name: string;
  /** Called once per sample with the sample's index. */
  run(i: number): Promise<unknown>;
  /** Indexes its plan must use; a list = any one of them (the planner's choice by selectivity). */
  indexes: (string | string[])[];
  /** The deep page, which has the OFFSET query it replaces as a baseline. */
  deep?: true;
};

export type Picks = {
  emails: string[];
  phones: string[];
  numbers: number[];
  invoiceboxIds: string[];
  orderIds: string[];
  /** A deep page of paid orders (5,000 at a million orders) and the cursor that opens it. */
  deepPage: number;
  deepPageCursor: number;
};

export const PAGE_SIZE = 20;
/** Newest first: by status when the status is rare, else along all orders filtering (most are paid). */
const LIST_INDEXES = ['orders_status_created_idx', 'orders_created_idx'];
/** Page 5,000, or the middle page on a smaller trial seed. */
const deepPage = (paid: number) => Math.min(5_000, Math.floor(paid / PAGE_SIZE / 2));

/** Random real orders to look up (a different one per sample, as staff would), and the page-5,000 cursor. */
export async function pickTargets(sql: postgres.Sql, samples: number): Promise<Picks> {
  const rows = await sql<
    { email: string; phone: string; number: number; invoicebox_id: string; id: string }[]
  >`SELECT customer_email AS email, customer_phone AS phone, number, invoicebox_order_id AS invoicebox_id, id
    FROM orders TABLESAMPLE SYSTEM (1) WHERE invoicebox_order_id IS NOT NULL ORDER BY random() LIMIT ${samples}`;
  // Setup only: where the deep page starts, the slow way, once.
  const [paid] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM orders WHERE status = 'paid'`;
  const page = deepPage(paid?.n ?? 0);
  const [cursor] = await sql<{ number: number }[]>`
    SELECT number FROM orders WHERE status = 'paid' ORDER BY created_at DESC, number DESC
    OFFSET ${(page - 1) * PAGE_SIZE - 1} LIMIT 1`;
  if (!cursor || page < 2) throw new Error('too few paid orders for a deep page');
  return {
    emails: rows.map((r) => r.email),
    // As staff paste it from a letter: '+7 (912) 345-67-89'.
    phones: rows.map(
      (r) =>
        `+${r.phone[0]} (${r.phone.slice(1, 4)}) ${r.phone.slice(4, 7)}-${r.phone.slice(7, 9)}-${r.phone.slice(9)}`,
    ),
    numbers: rows.map((r) => r.number),
    invoiceboxIds: rows.map((r) => r.invoicebox_id),
    orderIds: rows.map((r) => r.id),
    deepPage: page,
    deepPageCursor: cursor.number,
  };
}

export function staffViews(staff: Caller, api: RunningApi, picks: Picks): View[] {
  const at = <T>(list: T[], i: number) => list[i % list.length]!;
  const search = (list: string[]) => (i: number) =>
    staff.admin.orders.list({ search: at(list, i), pageSize: PAGE_SIZE });
  return [
    {
      name: 'staff list, paid, newest first, page 1',
      run: () => staff.admin.orders.list({ status: ['paid'], pageSize: PAGE_SIZE }),
      indexes: [LIST_INDEXES],
    },
    {
      name: `staff list, paid, newest first, page ${picks.deepPage.toLocaleString('en-US')} (cursor)`,
      run: () =>
        staff.admin.orders.list({ status: ['paid'], cursor: picks.deepPageCursor, pageSize: PAGE_SIZE }),
      indexes: [LIST_INDEXES, 'orders_number_uq'],
      deep: true,
    },
    { name: 'search by e-mail', run: search(picks.emails), indexes: ['orders_email_prefix_idx'] },
    {
      name: 'search by a part of an e-mail (petrov123, no @: suffix GIN)',
      run: search(picks.emails.map((email) => email.slice(0, email.indexOf('@')).split('.')[1] ?? email)),
      indexes: ['orders_email_suffix_idx'],
    },
    { name: 'search by phone (+7 (9xx) …)', run: search(picks.phones), indexes: ['orders_phone_prefix_idx'] },
    {
      name: 'search by the last 7 digits of a phone',
      run: search(picks.phones.map((phone) => phone.replace(/\D/g, '').slice(-7))),
      indexes: ['orders_phone_trgm_idx'],
    },
    {
      name: 'search by order number (№ …)',
      run: search(picks.numbers.map((n) => `№ ${n}`)),
      indexes: ['orders_number_uq'],
    },
    {
      name: 'search by Invoicebox id',
      run: search(picks.invoiceboxIds),
      indexes: ['orders_invoicebox_order_id_uq'],
    },
    {
      name: "reconciler's due orders (claims 20)",
      run: async () => {
        const claimed = await api.reconciler.claim();
        if (claimed.length === 0) throw new Error('the reconciler found no due orders');
      },
      indexes: ['orders_unsettled_held_due_idx', 'refunds_open_due_idx'],
    },
    {
      name: 'order details (admin.orders.byId)',
      run: (i) => staff.admin.orders.byId({ id: at(picks.orderIds, i) }),
      indexes: ['orders_pkey', 'order_lines_order_idx', 'order_events_order_idx', 'notifications_order_idx'],
    },
  ];
}

export type Timing = { p50: number; p99: number; samples: number };

/** Sequential calls, after a warm-up: staff views are read one at a time. */
export async function timeView(view: View, samples: number, warmup: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await view.run(samples + i);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await view.run(i);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples };
}
