import { Worker } from 'node:worker_threads';

// Plain JS so the worker needs no TypeScript loader. Each sender is one keep-alive socket writing a prepared
// HTTP/1.1 request and reading the answer by its content-length: the load generator stands for Invoicebox, so
// it should take as little of the shared CPU from the server under test as it can (node:http's client cost
// about as much CPU per request as the route itself).
const SENDER = `
const net = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const { url, bodies, concurrency, durationMs, warmup } = workerData;
const target = new URL(url);
const request = (b) => Buffer.from(
  'POST ' + target.pathname + ' HTTP/1.1\\r\\nhost: ' + target.host + '\\r\\nconnection: keep-alive\\r\\n' +
  'content-type: application/json\\r\\nx-signature: ' + b.signature + '\\r\\ncontent-length: ' +
  Buffer.byteLength(b.body) + '\\r\\n\\r\\n' + b.body);
function connection() {
  const socket = net.connect(Number(target.port), target.hostname);
  socket.setNoDelay(true);
  let pending = null, buffered = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    const end = buffered.indexOf('\\r\\n\\r\\n');
    if (end < 0 || !pending) return;
    const head = buffered.subarray(0, end).toString('latin1');
    const length = Number(/content-length: *(\\d+)/i.exec(head)?.[1] ?? NaN);
    if (buffered.length < end + 4 + length) return;
    const body = buffered.subarray(end + 4, end + 4 + length).toString('utf8');
    buffered = buffered.subarray(end + 4 + length);
    const done = pending; pending = null;
    if (!head.startsWith('HTTP/1.1 200') || !body.includes('"success"')) done.reject(new Error('unexpected answer ' + head.split('\\r\\n')[0] + ' ' + body));
    else done.resolve();
  });
  socket.on('error', (error) => pending?.reject(error));
  return {
    send(b) { return new Promise((resolve, reject) => { pending = { resolve, reject }; socket.write(request(b)); }); },
    close() { socket.destroy(); },
  };
}
const sockets = Array.from({ length: concurrency }, connection);
async function load(from, to, ms) {
  let next = from, done = 0;
  const started = performance.now(), deadline = started + ms;
  await Promise.all(sockets.map(async (socket) => {
    while (next < to && performance.now() < deadline) { await socket.send(bodies[next++]); done++; }
  }));
  return { done, seconds: (performance.now() - started) / 1000 };
}
(async () => {
  await load(0, warmup, 10000);
  const result = await load(warmup, bodies.length, durationMs);
  for (const socket of sockets) socket.close();
  parentPort.postMessage(result);
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
