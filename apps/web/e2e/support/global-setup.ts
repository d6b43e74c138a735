import type { TestProject } from 'vitest/node';
import { type StackInfo, startStack } from './stack';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

/** One sandbox + API + built storefront for the whole run; test files get their URLs through inject(). */
export default async function setup(project: TestProject) {
  const stack = await startStack();
  project.provide('stack', stack.info);
  return stack.close;
}
