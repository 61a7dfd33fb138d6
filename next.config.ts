import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and wasm-backed packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg'],
  poweredByHeader: false,
  // `npm test` typechecks the whole project (`tsc --noEmit`); doing it again in every build only costs time.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
