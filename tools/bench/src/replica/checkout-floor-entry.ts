// Child-process entry of the orders.create floor, so the 8-shopper rate compares two processes alike.
import { startCheckoutFloor } from '@checkout/api/bench';

const env = process.env;
const floor = await startCheckoutFloor({
  databaseUrl: env.DATABASE_URL ?? '',
  invoiceboxApiUrl: env.INVOICEBOX_API_URL ?? '',
  ...(env.PUBLIC_API_URL ? { publicApiUrl: env.PUBLIC_API_URL } : {}),
  poolSize: Number(env.POOL_SIZE ?? 10),
  port: Number(env.PORT ?? 0),
});
process.send?.({ ready: floor.url });
process.once('disconnect', () => process.exit(0));
process.once('SIGTERM', () => void floor.close().then(() => process.exit(0)));
