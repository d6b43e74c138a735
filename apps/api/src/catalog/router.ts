import { publicProcedure, router } from '../trpc/init.js';
import type { Product } from './active-catalog.js';

export type { Product } from './active-catalog.js';

export const catalogRouter = router({
  list: publicProcedure.query(async ({ ctx }): Promise<readonly Product[]> => ctx.catalog.list()),
});
