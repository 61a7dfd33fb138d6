// Prisma's CLI wants a native schema engine it cannot download here; generate/validate/format never use it,
// so any existing file satisfies the check. Migrations are hand-written SQL applied by the app (server/db/migrate.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/bin/true';

import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
