import { createServer } from 'node:net';

/** A port that was free on 127.0.0.1 a moment ago (for servers that must keep their port across restarts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Servers here announce http://localhost:<port>; this package only ever dials 127.0.0.1 (never ::1). */
export function loopback(url: string): string {
  return url.replace(/^http:\/\/localhost(?=[:/]|$)/, 'http://127.0.0.1');
}
