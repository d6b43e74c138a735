import { isIP } from 'node:net';

/**
 * The shopper's browser is sent to the `paymentUrl` Invoicebox returns, so we only pass on a link to
 * Invoicebox's own payment page: https on the configured Invoicebox site (`api.invoicebox.ru` -> any
 * `*.invoicebox.ru`, e.g. `pay.invoicebox.ru`), or the Invoicebox API's own origin (the sandbox serves its
 * page there). Plain http on a loopback host is accepted only while the configured API is itself on loopback.
 */
export function paymentUrlProblem(paymentUrl: unknown, invoiceboxApiUrl: string): string | undefined {
  if (typeof paymentUrl !== 'string' || paymentUrl === '') return 'paymentUrl is missing';
  let url: URL;
  try {
    url = new URL(paymentUrl);
  } catch {
    return `paymentUrl ${JSON.stringify(paymentUrl)} is not a URL`;
  }
  const api = new URL(invoiceboxApiUrl);
  if (url.username || url.password) return `paymentUrl ${paymentUrl} carries credentials`;
  if (url.origin === api.origin) return undefined;
  if (isLoopback(api.hostname)) {
    if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopback(url.hostname)) return undefined;
  }
  if (url.protocol === 'https:' && sameSite(url.hostname, api.hostname)) return undefined;
  return (
    `paymentUrl ${paymentUrl} is not on Invoicebox's payment site for INVOICEBOX_API_URL ${api.origin} ` +
    `(expected https on ${siteOf(api.hostname)} or a subdomain)`
  );
}

export class PaymentUrlError extends Error {
  override readonly name = 'PaymentUrlError';
}

/** The link, checked; throws PaymentUrlError saying what is wrong with it. */
export function checkedPaymentUrl(paymentUrl: unknown, invoiceboxApiUrl: string): string {
  const problem = paymentUrlProblem(paymentUrl, invoiceboxApiUrl);
  if (problem) throw new PaymentUrlError(problem);
  return paymentUrl as string;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** `api.invoicebox.ru` -> `invoicebox.ru`; never shorter than two labels, and an IP address stays itself. */
function siteOf(hostname: string): string {
  if (isIP(hostname.replace(/^\[|\]$/g, ''))) return hostname;
  const labels = hostname.toLowerCase().split('.');
  return labels.length > 2 ? labels.slice(1).join('.') : labels.join('.');
}

function sameSite(hostname: string, apiHostname: string): boolean {
  const site = siteOf(apiHostname);
  const host = hostname.toLowerCase();
  return host === site || host.endsWith(`.${site}`);
}
