// The shop works on Moscow time: a shipment made at 01:00 MSK is dated that day, not the UTC day before.
const moscowDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Moscow',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of the moment in Moscow, as Invoicebox's documentDate wants it. */
export const documentDate = (at: Date) => moscowDate.format(at);
