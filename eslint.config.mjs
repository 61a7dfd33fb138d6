import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', 'server/db/generated/**', 'data/**', 'next-env.d.ts', 'playwright-report/**', 'test-results/**', 'e2e/artifacts/**', 'examples/weft-api.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // server/ is the non-UI layer and must never reach into the UI.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@/app/*', '@/components/*', '../app/*', '../components/*'] }],
    },
  },
];

export default config;
