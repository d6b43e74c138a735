import { createServer } from 'node:net';

/**
 * A port that was free on 127.0.0.1 a moment ago: for servers whose URL must be known before they start (a
 * notification URL, a CORS origin, a replica that keeps its port across restarts).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Servers here announce http://localhost:<port>; load and drills dial 127.0.0.1 only (never ::1). */
export function loopback(url: string): string {
  return url.replace(/^http:\/\/localhost(?=[:/]|$)/, 'http://127.0.0.1');
}
