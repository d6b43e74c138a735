import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostResult {
  status: number;
  text: string;
}

/**
 * POSTs a notification with Invoicebox's header spelling kept exactly: `X-Signature` (fetch/undici would send
 * `x-signature`, and the 1C-Bitrix module reads `$headers['X-Signature']` case-sensitively).
 * Rejects with a `TimeoutError` or `AbortError` (by name) when the signal fires.
 */
export function postNotification(
  url: string,
  body: string,
  signature: string,
  signal: AbortSignal,
  maxChars: number,
): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const payload = Buffer.from(body, 'utf8');
    const req = send(target, {
      method: 'POST',
      signal,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(payload.length),
        'User-Agent': 'Invoicebox sandbox',
        'X-Signature': signature,
      },
    });
    req.on('error', (error) => reject(signal.aborted ? (signal.reason ?? error) : error));
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < maxChars) text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: text.slice(0, maxChars) }));
      res.on('error', (error) => reject(signal.aborted ? (signal.reason ?? error) : error));
    });
    req.end(payload);
  });
}
