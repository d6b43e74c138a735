import { Worker } from 'node:worker_threads';

// Plain JS so the worker needs no TypeScript loader.
const SENDER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, bodies, concurrency, durationMs, warmup } = workerData;
async function send(b) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': b.signature },
    body: b.body,
  });
  const answer = await response.json();
  if (answer.status !== 'success') throw new Error('unexpected answer ' + JSON.stringify(answer));
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
