import { fixtureBytes } from './fixtures.js';

export interface FakeAnswer {
  status?: number;
  /** A fixture file name (sent byte for byte, `\/` escapes and all) or a value to serialise. */
  fixture?: string;
  body?: unknown;
}

/**
 * A `fetch` that stands for Invoicebox and answers with its own recorded payloads: routes are `METHOD /path` (query
 * ignored), the longest matching prefix wins. Everything asked is recorded.
 */
export function fakeInvoiceboxFetch(routes: Record<string, FakeAnswer>) {
  const seen: { method: string; url: string; body: unknown }[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    seen.push({
      method,
      url: `${url.pathname}${url.search}`,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    const key = `${method} ${url.pathname.replace(/^\/(v3|l3)/, '')}`;
    const match = Object.keys(routes)
      .filter((route) => key === route || key.startsWith(`${route}/`) || key.startsWith(`${route}?`))
      .sort((a, b) => b.length - a.length)[0];
    const answer = match
      ? routes[match]
      : { status: 404, body: { error: { message: 'Not Found', code: 'not_found' } } };
    const text = answer?.fixture ? fixtureBytes(answer.fixture) : JSON.stringify(answer?.body ?? {});
    return new Response(text, {
      status: answer?.status ?? 200,
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'fake-1' },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}
