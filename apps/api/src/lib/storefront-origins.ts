const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins CORS lets in: the storefront's own. A shop on this machine is reachable as localhost,
 * 127.0.0.1 and [::1] alike (Vite prints one spelling, a bookmark holds another), and all of them are the
 * same shop, so each is accepted; any other host is accepted only exactly as configured.
 */
export function storefrontOrigins(storefrontUrl: string): string[] {
  const url = new URL(storefrontUrl);
  if (!LOOPBACK_NAMES.includes(url.hostname)) return [url.origin];
  return LOOPBACK_NAMES.map((name) => {
    const spelling = new URL(url.origin);
    spelling.hostname = name;
    return spelling.origin;
  });
}
