import { isIP } from 'node:net';
import { ApiError } from './api-error.js';

/**
 * The sandbox signs notifications with a shop's key and posts them wherever an order says, so by default it
 * posts only to this machine: an order cannot turn it into a request cannon aimed at other hosts.
 * `SANDBOX_ALLOW_ANY_NOTIFICATION_HOST=1` (or `allowAnyNotificationHost: true`) lifts that for a shared sandbox.
 */
export function isAllowedNotificationUrl(url: string, allowAnyHost: boolean): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return allowAnyHost || isLoopbackHost(parsed.hostname);
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host);
  return false;
}

/** At order creation: a 422 naming `notificationUrl` for a URL the sandbox would not send to. */
export function checkNotificationUrl(url: string | undefined, allowAnyHost: boolean) {
  if (url === undefined || isAllowedNotificationUrl(url, allowAnyHost)) return;
  const message =
    `notificationUrl ${url} is not on this machine; the sandbox notifies only loopback hosts ` +
    '(localhost, 127.0.0.1, ::1) unless started with SANDBOX_ALLOW_ANY_NOTIFICATION_HOST=1';
  throw new ApiError(422, 'validation', message, [{ name: 'notificationUrl', code: 'wrong_value', message }]);
}

/** At send time: the URL when it may be posted to, else undefined (and a log line saying why nothing was sent). */
export function allowedNotificationUrl(
  ctx: { allowAnyNotificationHost: boolean; log: (message: string) => void },
  url: string | undefined,
): string | undefined {
  if (url === undefined || isAllowedNotificationUrl(url, ctx.allowAnyNotificationHost)) return url;
  ctx.log(
    `notification URL ${url} is not a loopback host; nothing sent (SANDBOX_ALLOW_ANY_NOTIFICATION_HOST=1 allows it)`,
  );
  return undefined;
}
