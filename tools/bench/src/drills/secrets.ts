import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DEMO_SHOP } from '@checkout/invoicebox';
import { TEST_CARDS } from '@checkout/sandbox';
import { buildStorefront } from '../storefront-build.js';
import { issuedAdminTokens } from './stack.js';
import type { Drill } from './types.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Secrets as they could appear: the values themselves, card numbers with or without separators. */
function findSecrets(text: string, secrets: { label: string; value: string }[]): string[] {
  const found = secrets.filter((s) => text.includes(s.value)).map((s) => s.label);
  // 16 digits in a row or in four groups with one separator; not part of a longer token (UUIDs, ids, decimals).
  for (const match of text.matchAll(/(?<![\w.-])(?:\d{16}|\d{4}([ -])\d{4}\1\d{4}\1\d{4})(?![\w.-])/g)) {
    const digits = match[0].replace(/\D/g, '');
    if (/^[2-6]/.test(digits) && luhn(digits)) found.push(`card-like number ${match[0]}`);
  }
  return [...new Set(found)];
}

/**
 * The production storefront build and the logs of every API replica started by the drills before this one
 * (checkouts, payments with test cards, outages, refusals, hostile input) must not contain the Invoicebox token,
 * the notification key, a staff token or a full card number. The sandbox's own console is not scanned: it plays
 * Invoicebox and prints the public demo shop's token on purpose.
 */
export const secrets: Drill = {
  id: 7,
  name: 'Secrets (storefront build + logs of the whole drill run)',
  criteria:
    'no token, notification key, staff token or 16-digit card number in the storefront build or the replica logs; scanner self-check passes',
  timeoutMs: 60_000,
  async run(ctx) {
    const secretsList = [
      { label: 'Invoicebox token', value: DEMO_SHOP.token },
      { label: 'notification key', value: DEMO_SHOP.notificationKey },
      ...[...issuedAdminTokens].map((value) => ({ label: 'staff token', value })),
      ...Object.values(TEST_CARDS).map((card) => ({
        label: 'test card number',
        value: String(card).replace(/\D/g, ''),
      })),
    ];
    const problems: string[] = [];
    // The scanner must be able to fail: planted secrets are found, UUIDs and amounts are not.
    const planted = `{"card":"4111 1111 1111 1111","pan":"4111111111111111","token":"${DEMO_SHOP.token}"}`;
    const innocent = '{"id":"01a22665-4058-9051-0760-531699998888","amount":1234567890123456.5}';
    if (findSecrets(planted, secretsList).length < 2 || findSecrets(innocent, secretsList).length > 0) {
      problems.push('the secret scanner failed its self-check');
    }
    const outDir = await buildStorefront('http://localhost:3000');
    let buildFiles = 0;
    let buildBytes = 0;
    try {
      for (const file of await filesUnder(outDir)) {
        const text = await readFile(file, 'utf8');
        buildFiles++;
        buildBytes += text.length;
        for (const hit of findSecrets(text, secretsList))
          problems.push(`storefront ${relative(outDir, file)}: ${hit}`);
      }
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
    let logLines = 0;
    let logFiles = 0;
    for (const file of (await filesUnder(ctx.runDir)).filter((f) => f.endsWith('.log'))) {
      const text = await readFile(file, 'utf8');
      logFiles++;
      logLines += text.split('\n').length - 1;
      for (const hit of findSecrets(text, secretsList))
        problems.push(`log ${relative(ctx.runDir, file)}: ${hit}`);
    }
    const pass = problems.length === 0 && logLines > 0 && buildFiles > 0;
    if (logLines === 0) problems.push('no logs to check: run the drills before this one');
    return {
      pass,
      figures:
        `storefront: ${buildFiles} files, ${(buildBytes / 1024).toFixed(0)} KB scanned; logs: ${logFiles} files, ` +
        `${logLines} lines scanned; ${secretsList.length} secret values + card-number pattern; findings ${problems.length}`,
      notes: problems.slice(0, 20),
    };
  },
};
