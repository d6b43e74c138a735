import { fileURLToPath } from 'node:url';
import { bareImports } from '@checkout/testkit';
import { expect, it } from 'vitest';
import * as web from '../src/web.js';

it('@checkout/invoicebox/web pulls in no Node built-ins and no credentials', () => {
  expect([...bareImports(fileURLToPath(new URL('../src/web.ts', import.meta.url)))]).toEqual(['zod']);
  expect('DEMO_SHOP' in web).toBe(false);
  expect(typeof web.formatRub).toBe('function');
  expect(typeof web.buildBasket).toBe('function');
});
