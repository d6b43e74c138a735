import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs a command; on failure the error carries its whole output, so a failing test shows why. */
export async function run(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`,
    );
  }
}

/** npm's own cache first; no audit or funding requests (CI reaches the registry and nothing else). */
export const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

export const PACKAGE_DIR = new URL('../..', import.meta.url).pathname;

/** Builds the package and packs it as `pnpm publish` would; returns the tarball's path. */
export async function buildAndPack(): Promise<string> {
  await run('pnpm', ['run', 'build'], PACKAGE_DIR);
  const destination = mkdtempSync(join(tmpdir(), 'invoicebox-pack-'));
  await run('pnpm', ['pack', '--pack-destination', destination], PACKAGE_DIR);
  const { version } = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
    version: string;
  };
  return join(destination, `checkout-invoicebox-${version}.tgz`);
}
