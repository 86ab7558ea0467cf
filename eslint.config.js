// Lint: the import arrows of ../shared/DESIGN.md (docs/architecture.md) and promise hygiene.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];
const NODE_ONLY_PACKAGES = ['ws', 'yaml', '@abandonware/noble', 'node-hid', 'serialport', 'usb'];

/** A no-restricted-imports rule forbidding import paths matching `groups` (gitignore-style). */
const forbid = (groups, message, extraPaths = []) => [
  'error',
  { paths: extraPaths.map((name) => ({ name, message })), patterns: [{ group: groups, message }] },
];

export default tseslint.config(
  {
    ignores: [
      'vitest.config.ts',
      'dist/**',
      'node_modules/**',
      'docs/api/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['sdk/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/server-embedded/**', '**/bindings/**', 'node:*'],
        'sdk/ runs in browsers and GodotJS: no server-embedded, no bindings, no Node modules.',
        [...NODE_BUILTINS, ...NODE_ONLY_PACKAGES],
      ),
    },
  },
  {
    files: ['server-embedded/protocols/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/devices/**', '**/server/**', '**/compat/**', '**/transport/**', '**/cli/**', '**/hardware/*/**'],
        'protocols/ sits below devices/ and above the abstract hardware contract (hardware/types.ts) only.',
        NODE_ONLY_PACKAGES,
      ),
    },
  },
  {
    files: ['server-embedded/hardware/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/protocols/**', '**/devices/**', '**/server/**', '**/compat/**', '**/transport/**', '**/cli/**'],
        'hardware/ is the bottom floor: it knows nothing of toy protocols, devices or the server.',
      ),
    },
  },
  {
    files: ['server-embedded/devices/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/server/**', '**/compat/**', '**/transport/**', '**/cli/**'],
        'devices/ sits below the server: it must not import server, compat, transport or cli.',
      ),
    },
  },
  {
    files: ['server-embedded/compat/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/devices/**', '**/hardware/**', '**/protocols/**', '**/transport/**', '**/cli/**'],
        'compat/ goes through the server core (server/core.ts), like the v4 adapter.',
      ),
    },
  },
  {
    files: ['server-embedded/server/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(['**/cli/**'], 'The server must not depend on the CLI.'),
    },
  },
);
