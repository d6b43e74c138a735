// `pnpm sandbox pay|decline|expire|resend|probe|orders [order]`: the control API from a terminal.
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

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
const needRef = () => {
  if (!ref) throw new Error(`${command} needs an order reference\n${USAGE}`);
  return encodeURIComponent(ref);
};

async function run() {
  switch (command) {
    case 'orders': {
      if (ref) return print(await call('GET', `/_sandbox/orders/${needRef()}`));
      const { orders } = (await call('GET', '/_sandbox/orders')) as { orders: Record<string, unknown>[] };
      for (const o of orders)
        console.log(`${o.id}  ${o.merchantOrderId}  ${o.status}  ${o.amount} ${o.currencyId}`);
      return;
    }
    case 'pay':
      return print(await call('POST', `/_sandbox/orders/${needRef()}/pay`, extra ? { card: extra } : {}));
    case 'decline':
    case 'expire':
    case 'resend':
      return print(await call('POST', `/_sandbox/orders/${needRef()}/${command}`, {}));
    case 'probe':
      return print(await call('POST', '/_sandbox/probe', ref ? { merchantId: ref } : {}));
    default:
      console.log(USAGE);
      if (command && command !== 'help') process.exitCode = 2;
  }
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
