import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const UI_IMPORTS = ['@/app/*', '@/components/*', '**/app/**', '**/components/**'];
const SERVER_IMPORTS = ['@/server/*', '**/server/**'];

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
    // Long functions hide several jobs; split them (tests and the sandbox child's prelude are exempt).
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
    ignores: ['**/*.test.ts', 'e2e/**', 'server/sandbox/child.mjs'],
    rules: { 'max-lines-per-function': ['error', { max: 120 }] },
  },
  {
    // server/ is the non-UI layer and must never reach into the UI, by alias or by relative path.
    files: ['server/**/*.ts', 'server/**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: UI_IMPORTS, message: 'server/ never imports UI code (app/, components/)' }] }],
    },
  },
  {
    // lib/ is shared by the browser and the server: pure code that imports neither side.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...UI_IMPORTS, ...SERVER_IMPORTS], message: 'lib/ is pure: it imports neither UI nor server code' }] }],
    },
  },
];

export default config;
