import { adminRouter } from '../admin/router.js';
import { catalogRouter } from '../catalog/router.js';
import { companiesRouter } from '../companies/router.js';
import { ordersRouter } from '../orders/router.js';
import { createCallerFactory, router } from './init.js';

export const appRouter = router({
  catalog: catalogRouter,
  orders: ordersRouter,
  admin: adminRouter,
  companies: companiesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
