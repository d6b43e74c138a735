import { formatAtomDate } from '@checkout/invoicebox';

/** `2022-02-16T17:23:48+00:00`, the form Invoicebox writes timestamps in. */
export const atomNow = (now = Date.now()) => formatAtomDate(new Date(now));

export const timeOf = (atom: string) => Date.parse(atom);
