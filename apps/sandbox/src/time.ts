import { formatAtomDate } from '@checkout/invoicebox';

/** `2022-02-16T17:23:48+00:00`, the form Invoicebox writes timestamps in. */
export const atomNow = (now = Date.now()) => formatAtomDate(new Date(now));

export const timeOf = (atom: string) => Date.parse(atom);

/** Any ISO date-time with an offset -> the same instant in UTC ATOM form. */
export const toAtom = (dateTime: string) => atomNow(Date.parse(dateTime));
