import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { expect, inject, it } from 'vitest';

const stack = inject('stack');

async function builtFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

it('the production build carries no secrets and no server code', async () => {
  const files = await builtFiles(stack.webOutDir);
  expect(files.some((file) => file.endsWith('.js'))).toBe(true);
  const text = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
  for (const secret of [DEMO_SHOP.token, DEMO_SHOP.notificationKey, stack.adminToken]) {
    expect(text.includes(secret)).toBe(false);
  }
  for (const serverOnly of ['node:crypto', 'fastify', 'drizzle', 'pglite', 'createInvoiceboxClient']) {
    expect(text.includes(serverOnly), serverOnly).toBe(false);
  }
  // The API URL the build was made for is baked in.
  expect(text.includes(stack.apiUrl)).toBe(true);
});
