/** Where the dashboard's forms may send the browser back to: the sandbox's own pages, nothing else. */
const OWN_PATHS = /^\/(?:$|\?|_sandbox\/|order\/)/;
const BASE = 'http://sandbox.invalid';

/**
 * The path to redirect to, or undefined when `target` is not one of the sandbox's own paths
 * (`//evil.example`, `/\evil.example` and absolute URLs all leave the site once a browser resolves them).
 */
export function ownRedirectPath(target: unknown): string | undefined {
  if (typeof target !== 'string' || !target.startsWith('/') || /[\\\s]/.test(target)) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  const path = `${url.pathname}${url.search}`;
  return OWN_PATHS.test(path) ? path : undefined;
}
