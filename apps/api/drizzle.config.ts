import { defineConfig } from 'drizzle-kit';

// Migrations are generated (`pnpm db:generate`), committed, and applied at start-up on both drivers.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
