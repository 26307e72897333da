// @ts-check
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Imports that mean I/O. src/domain is pure: it may import none of them (style.md, ADR 0001). */
const IO_IMPORTS = [
  { group: ['node:*'], message: 'src/domain is pure: no node:* imports (I/O belongs in src/db, src/http or src/cli).' },
  { group: ['fs', 'fs/*', 'path', 'http', 'https', 'net', 'crypto', 'child_process', 'os', 'stream', 'worker_threads'], message: 'src/domain is pure: no Node built-ins.' },
  { group: ['kysely', 'kysely/*', 'pg', 'pg-*', '@electric-sql/*'], message: 'src/domain is pure: no database clients.' },
  { group: ['fastify', 'fastify-*', '@fastify/*', 'undici', 'axios', 'pino', 'exceljs', 'pdf-lib', 'jose'], message: 'src/domain is pure: no HTTP, logging or file-format I/O.' },
  { group: ['**/db/**', '**/http/**', '**/cli/**', '**/usecases/**'], message: 'src/domain may not depend on outer layers.' },
];

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', 'coverage', 'test-results', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Use the injected clock, not Date.now().' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: IO_IMPORTS }] },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'test/**/*.ts', 'bench/**/*.ts', '**/*.test.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
