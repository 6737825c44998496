import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` turns changes of `src/store/schema` into a new SQL migration in `drizzle/`. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema/index.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
