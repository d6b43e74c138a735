import { API_URL } from './api-url';

/** Invoicebox's payment site; a build for another payment host sets VITE_PAYMENT_HOST. */
export const PAYMENT_HOST = (import.meta.env.VITE_PAYMENT_HOST || 'invoicebox.ru').toLowerCase();

const LOOPBACK = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Whether the browser may be sent to `url` to pay: https on the payment host or one of its subdomains. A build
 * whose API is on this machine (development, the e2e stack) also goes to the local sandbox on a loopback host.
 * The API checks the link too; this is the last line before `location.assign`, so nothing else leaves the shop.
 */
export function isAllowedPaymentUrl(
  url: unknown,
  config: { apiUrl: string; paymentHost: string } = { apiUrl: API_URL, paymentHost: PAYMENT_HOST },
): url is string {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  if (
    parsed.protocol === 'https:' &&
    (host === config.paymentHost || host.endsWith(`.${config.paymentHost}`))
  ) {
    return true;
  }
  const apiOnLoopback = LOOPBACK.test(new URL(config.apiUrl).hostname);
  return (
    apiOnLoopback && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && LOOPBACK.test(host)
  );
}

/** The link when it is allowed, else undefined (links to anything else are not shown). */
export const allowedPaymentUrl = (url: string | null | undefined) =>
  isAllowedPaymentUrl(url) ? url : undefined;
