import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { packSdk } from './pack-sdk.js';
import { run } from './run.js';

const EXAMPLES_DIR = new URL('../../', import.meta.url).pathname;

import { NPM_FLAGS } from './npm-flags.js';

export interface InstalledExample {
  dir: string;
  /** Seconds spent in npm install and in the framework's build, for the README's timing table. */
  seconds: { install: number; build: number };
}

/**
 * Copies examples/<name> to a temp folder, installs the packed SDK plus the example's own dependencies with npm
 * (no workspace link), and runs its build.
 */
export async function installExample(name: string): Promise<InstalledExample> {
  const dir = join(mkdtempSync(join(tmpdir(), `invoicebox-example-`)), name);
  cpSync(join(EXAMPLES_DIR, name), dir, {
    recursive: true,
    filter: (src) => !['node_modules', 'dist', '.next'].includes(basename(src)),
  });
  const tarball = await packSdk();
  let started = Date.now();
  await run('npm', ['install', tarball, ...NPM_FLAGS], dir);
  const install = (Date.now() - started) / 1000;
  started = Date.now();
  await run('npm', ['run', 'build'], dir, { NEXT_TELEMETRY_DISABLED: '1' });
  return { dir, seconds: { install, build: (Date.now() - started) / 1000 } };
}

export interface RunningExample {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** `npm start` in its own process group (frameworks fork workers), ready once it answers HTTP. */
export async function startExample(
  dir: string,
  port: number,
  env: Record<string, string>,
  readyPath: string,
): Promise<RunningExample> {
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: dir,
    env: { ...process.env, ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the example exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(url + readyPath);
      return { url, output: () => output, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`the example did not answer on ${url} within 120 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
