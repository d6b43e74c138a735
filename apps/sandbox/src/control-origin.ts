import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The control API has no auth, so a page on another site must not be able to drive it with a form post
 * or a no-cors fetch (both skip CORS preflight). Browsers say where a request comes from (Origin,
 * Sec-Fetch-Site); the dashboard's own forms are same-origin. The CLI and the test clients are not
 * browsers and send neither header, so they keep working unchanged.
 */
export function refuseCrossSiteControl(request: FastifyRequest, publicUrl: string) {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw crossSite(`Sec-Fetch-Site: ${site}`);
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const host = hostOf(origin);
  if (!host || !ownOrigins(request, publicUrl).has(host)) throw crossSite(`Origin: ${origin}`);
}

function ownOrigins(request: FastifyRequest, publicUrl: string) {
  return new Set([request.headers.host, hostOf(publicUrl)].filter((h): h is string => Boolean(h)));
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

const crossSite = (seen: string) =>
  new ApiError(
    403,
    'forbidden',
    `The sandbox control API only accepts requests from its own dashboard or from non-browser clients (${seen})`,
  );
