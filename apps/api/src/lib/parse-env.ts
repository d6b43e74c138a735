import type { z } from 'zod';

/**
 * Parses environment variables with `schema`; an empty variable counts as unset (docker-compose and shells make
 * them easily), and every bad variable is named in one message thrown as `Failure`.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: NodeJS.ProcessEnv,
  Failure: new (message: string) => Error,
): z.output<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Failure(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
