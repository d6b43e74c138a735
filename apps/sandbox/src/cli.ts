// `pnpm sandbox pay|decline|expire|resend|probe|orders [order]`: the control API from a terminal.
import { sandboxControl } from './control-client.js';

const base = (process.env.SANDBOX_URL ?? 'http://localhost:4010').replace(/\/+$/, '');
const [command, ref, extra] = process.argv.slice(2);

const USAGE = `usage: pnpm sandbox <command> [order]
  orders                 list orders (id, merchantOrderId, status, amount)
  orders <order>         one order with its notification deliveries
  pay <order> [card]     pay (default card ${'4111 1111 1111 1111'})
  decline <order>        a declined card payment (order stays unpaid)
  expire <order>         expire an unpaid order now
  resend <order>         send the order's notification again
  probe [merchantId]     send the monitoring probe notification
<order> = Invoicebox order id, orderContainerId or merchantOrderId. SANDBOX_URL=${base}`;

const control = sandboxControl(base);
const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
const needRef = () => {
  if (!ref) throw new Error(`${command} needs an order reference\n${USAGE}`);
  return ref;
};

async function run() {
  switch (command) {
    case 'orders': {
      if (ref) return print(await control.order(ref));
      for (const o of await control.orders())
        console.log(`${o.id}  ${o.merchantOrderId}  ${o.status}  ${o.amount} ${o.currencyId}`);
      return;
    }
    case 'pay':
      return print(await control.pay(needRef(), extra));
    case 'decline':
    case 'expire':
    case 'resend':
      return print(await control[command](needRef()));
    case 'probe':
      return print(await control.probe(ref));
    default:
      console.log(USAGE);
      if (command && command !== 'help') process.exitCode = 2;
  }
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
