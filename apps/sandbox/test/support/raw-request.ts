import { request } from 'node:http';

export interface RawResponse {
  status: number;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response JSON and assert on it.
  json: any;
}

/**
 * One HTTP request with exactly these headers and body bytes: no User-Agent unless given (fetch would add one),
 * header names as written. How the PHP SDK's curl client and Bitrix's HttpClient talk to Invoicebox.
 */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    const req = request(new URL(url), {
      method,
      headers: payload ? { ...headers, 'Content-Length': String(payload.length) } : headers,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, text, json });
      });
    });
    req.end(payload);
  });
}

/** Fills `"__NAME__"` placeholders of a request fixture (the JSON text is otherwise sent byte for byte). */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/__([A-Z_]+)__/g, (whole, name: string) => values[name] ?? whole);
}

/** `Y-m-d\TH:i:sP` in a +03:00 zone (Moscow), as a PHP shop server would write a date `days` ahead. */
export function phpDate(days: number, now = Date.now()): string {
  const moscow = new Date(now + days * 86_400_000 + 3 * 3_600_000);
  return `${moscow.toISOString().slice(0, 19)}+03:00`;
}
