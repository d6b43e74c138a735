import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const API_DIR = fileURLToPath(new URL('../..', import.meta.url));
const INVOICEBOX_DIR = join(API_DIR, '../../packages/invoicebox');

const newest = (dir: string): number =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
    ),
  );

const builtAt = (file: string): number => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/** `pnpm build` output for the SDK and the API, rebuilt only when a source file is newer than its dist. */
export function ensureBuilt(): void {
  for (const [dir, entry] of [
    [INVOICEBOX_DIR, 'dist/index.js'],
    [API_DIR, 'dist/main.js'],
  ] as const) {
    if (builtAt(join(dir, entry)) < newest(join(dir, 'src'))) {
      execFileSync('pnpm', ['run', 'build'], { cwd: dir, stdio: 'ignore' });
    }
  }
}

export type ChildApi = {
  process: ChildProcess;
  /** Resolves with the listening URL, or rejects with the output when the process exits first. */
  ready: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
};

/** `node dist/<script>` with exactly the given environment (no NODE_ENV unless given), as a deploy runs it. */
export function runCompiled(script: string, env: Record<string, string>): ChildApi {
  const child = spawn(process.execPath, [join('dist', script)], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"api listening"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
  ready.catch(() => {});
  return { process: child, ready, exited, output: () => output };
}

/** A request on a connection of its own (fetch would reuse a pooled one): did the server accept it? */
export function newConnectionAccepted(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}
