import { Worker } from 'node:worker_threads';

// Plain JS so the worker needs no TypeScript loader; node:http with keep-alive is the lightest client here,
// so the load generator takes as little CPU from the server under test as possible.
const SENDER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, bodies, concurrency, durationMs, warmup } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function send(b) {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'x-signature': b.signature, 'content-length': Buffer.byteLength(b.body) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => {
        if (!text.includes('"success"')) reject(new Error('unexpected answer ' + text)); else resolve();
      });
    });
    request.on('error', reject);
    request.end(b.body);
  });
}
async function load(from, to, ms) {
  let next = from, done = 0;
  const started = performance.now(), deadline = started + ms;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < to && performance.now() < deadline) { await send(bodies[next++]); done++; }
  }));
  return { done, seconds: (performance.now() - started) / 1000 };
}
(async () => {
  await load(0, warmup, 10000);
  parentPort.postMessage(await load(warmup, bodies.length, durationMs));
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

/** Posts the signed bodies from a worker thread with `concurrency` loops; returns deliveries done and seconds. */
export function sendFromWorker(
  url: string,
  bodies: { body: string; signature: string }[],
  concurrency: number,
  durationMs: number,
): Promise<{ done: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SENDER, {
      eval: true,
      workerData: { url, bodies, concurrency, durationMs, warmup: 50 },
    });
    worker.once('message', (result: { done: number; seconds: number; error?: string }) => {
      void worker.terminate();
      if (result.error) reject(new Error(result.error));
      else resolve(result);
    });
    worker.once('error', reject);
  });
}
