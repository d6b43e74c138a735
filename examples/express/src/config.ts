function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README.md)`);
  return value;
}

export const config = {
  port: Number(process.env.PORT ?? 3000),
  invoiceboxUrl: process.env.INVOICEBOX_URL ?? 'https://api.invoicebox.ru',
  token: required('INVOICEBOX_TOKEN'),
  merchantId: required('INVOICEBOX_MERCHANT_ID'),
  notificationKey: required('INVOICEBOX_NOTIFICATION_KEY'),
  publicUrl: process.env.PUBLIC_URL ?? 'http://localhost:3000',
};
