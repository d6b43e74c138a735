import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';

export type Balancer = {
  url: string;
  port: number;
  /** 'pass' forwards; 'hang' accepts and never answers; 'late' forwards, then drops the answer after the upstream replied. */
  setMode(mode: BalancerMode): void;
  /** Closes the listening socket: clients get ECONNREFUSED, as from a server that is down. */
  goDown(): Promise<void>;
  comeBack(): Promise<void>;
  close(): Promise<void>;
  stats: BalancerStats;
};

export type BalancerStats = {
  forwarded: number;
  upstreamErrors: number;
  heldClosed: number;
  /** Answers with status >= 500 that an upstream itself sent, by upstream URL (not the balancer's own 502s). */
  upstream5xx: Record<string, number>;
  /** When each request was forwarded (performance.now()), for rate checks over a window. */
  forwardedAt: number[];
};

export type BalancerOptions = {
  /**
   * A connection the upstream refuses (stopped listening, e.g. while it drains) goes to the next upstream, as a
   * load balancer's passive health check does: nothing was sent, so the retry is safe. Default off (a 502).
   */
  nextOnRefused?: boolean;
};

export type BalancerMode = 'pass' | 'hang' | 'late';

/**
 * A small HTTP round-robin proxy on 127.0.0.1, like nginx without retries: a dead upstream gives the
 * client a 502 and it is the client's job (the sandbox's retry schedule) to try again. Also serves as a
 * fault injector in front of the sandbox (down / hanging / answering too late).
 */
export async function startBalancer(
  upstreams: string[],
  port = 0,
  options: BalancerOptions = {},
): Promise<Balancer> {
  let next = 0;
  let mode: BalancerMode = 'pass';
  const stats: BalancerStats = {
    forwarded: 0,
    upstreamErrors: 0,
    heldClosed: 0,
    upstream5xx: {},
    forwardedAt: [],
  };
  const held = new Set<ServerResponse>();

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (mode === 'hang') {
      held.add(res);
      res.on('close', () => {
        held.delete(res);
        stats.heldClosed++;
      });
      req.resume();
      return;
    }
    const dropAnswer = mode === 'late';
    const forward = (body: Buffer | undefined, attempt: number) => {
      const base = upstreams[next++ % upstreams.length]!;
      const target = new URL(base);
      const upstream = request(
        {
          host: '127.0.0.1',
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
          // A connection per request: a pooled socket the upstream closed while draining would fail mid-request.
          ...(options.nextOnRefused ? { agent: false } : {}),
        },
        (answer) => {
          stats.forwarded++;
          stats.forwardedAt.push(performance.now());
          if ((answer.statusCode ?? 0) >= 500) stats.upstream5xx[base] = (stats.upstream5xx[base] ?? 0) + 1;
          if (dropAnswer) {
            // The upstream did the work; the client never learns it (a timeout after the write).
            answer.resume();
            held.add(res);
            res.on('close', () => held.delete(res));
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (body && error.code === 'ECONNREFUSED' && attempt < upstreams.length) {
          forward(body, attempt + 1);
          return;
        }
        stats.upstreamErrors++;
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('bad gateway');
      });
      if (body) upstream.end(body);
      else req.pipe(upstream);
    };
    if (!options.nextOnRefused) return forward(undefined, 1);
    // Buffered, so the same bytes can go to another upstream.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(Buffer.concat(chunks), 1));
  };

  let server: Server = createServer(handler);
  const listen = (s: Server, p: number) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(p, '127.0.0.1', () => {
        const address = s.address();
        resolve(typeof address === 'object' && address ? address.port : p);
      });
    });
  const actualPort = await listen(server, port);
  const shut = () =>
    new Promise<void>((resolve) => {
      for (const res of held) res.destroy();
      held.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    stats,
    setMode(value) {
      mode = value;
      if (value === 'pass') {
        for (const res of held) res.destroy();
        held.clear();
      }
    },
    goDown: shut,
    async comeBack() {
      server = createServer(handler);
      await listen(server, actualPort);
    },
    close: shut,
  };
}
