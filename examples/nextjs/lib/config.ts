function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README.md)`);
  return value;
}

// Read at request time, not at build time: `next build` runs without the shop's secrets.
export const config = {
  get invoiceboxUrl() {
    return process.env.INVOICEBOX_URL ?? 'https://api.invoicebox.ru';
  },
  get token() {
    return required('INVOICEBOX_TOKEN');
  },
  get merchantId() {
    return required('INVOICEBOX_MERCHANT_ID');
  },
  get notificationKey() {
    return required('INVOICEBOX_NOTIFICATION_KEY');
  },
  get publicUrl() {
    return process.env.PUBLIC_URL ?? 'http://localhost:3000';
  },
};
