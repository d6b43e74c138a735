import { z } from 'zod';
import { plainText } from '../orders/inputs.js';
import { ORDER_STATUSES } from '../orders/status.js';

/** admin.orders.list: newest first, one page after `cursor` (the `nextCursor` of the page before). */
export const adminOrderListInput = z
  .strictObject({
    status: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
    search: plainText().trim().max(200).optional(),
    cursor: z
      .number()
      .int('cursor must be the nextCursor of the previous page')
      .min(1, 'cursor must be the nextCursor of the previous page')
      .max(2_147_483_647, 'cursor must be the nextCursor of the previous page')
      .optional(),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .default({ pageSize: 20 });

export type AdminOrderListInput = z.output<typeof adminOrderListInput>;
