import { fileURLToPath } from 'node:url';

/** PGLITE_DATA_DIR, or apps/api/.data/pglite (the same folder from src/ under tsx and from dist/). */
export const pgliteDataDir = (env: { PGLITE_DATA_DIR?: string | undefined }): string =>
  env.PGLITE_DATA_DIR ?? fileURLToPath(new URL('../.data/pglite', import.meta.url));
