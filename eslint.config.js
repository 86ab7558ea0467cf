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

/**
 * The runtime split (issue 18): what runs in a web page (plugkit/browser bundles it) and what needs
 * Node. Agnostic: the client, the server core, sessions, compat, devices and the device database,
 * protocols, the hardware contract, the simulated and Web Bluetooth backends, the in-process
 * transports, the browser entry.
 */
const AGNOSTIC_FILES = [
  'sdk/**/*.ts',
  'runtimes/browser/**/*.ts',
  'server-embedded/server/**/*.ts',
  'server-embedded/compat/**/*.ts',
  'server-embedded/devices/**/*.ts',
  'server-embedded/protocols/**/*.ts',
  'server-embedded/hardware/types.ts',
  'server-embedded/hardware/specifiers.ts',
  'server-embedded/hardware/base-hardware.ts',
  'server-embedded/hardware/ble/uuid.ts',
  'server-embedded/hardware/simulated/**/*.ts',
  'server-embedded/hardware/web-bluetooth/**/*.ts',
  'server-embedded/transport/embedded.ts',
  'server-embedded/transport/in-process.ts',
  'server-embedded/log.ts',
];
/**
 * Node-only files inside agnostic folders. devices/config/load.ts reads config files with node:fs;
 * scripts/bundle-page.mjs swaps in its browser twin (load-browser.ts) for the page, which is why the
 * server core may import it.
 */
const NODE_ONLY_IN_AGNOSTIC = ['server-embedded/devices/config/load.ts'];
/**
 * Node-only modules by import path: the CLI, the device-test runner (yaml, files), the ws listener,
 * the noble/serial/HID/USB/dongle/websocket-device backends and their catalog, `startServer`, the
 * Node faces (server-embedded/index.ts, runtimes/node/).
 */
const NODE_ONLY_MODULES = [
  '**/cli/**',
  '**/device-test/**',
  '**/transport/websocket-server.js',
  '**/hardware/ble/backend.js',
  '**/hardware/ble/hardware.js',
  '**/hardware/ble/load.js',
  '**/hardware/ble/noble-types.js',
  '**/hardware/hid/**',
  '**/hardware/serial/**',
  '**/hardware/usb/**',
  '**/hardware/lovense-dongle/**',
  '**/hardware/websocket-devices/**',
  '**/hardware/catalog.js',
  '**/hardware/interop.js',
  '**/server-embedded/start.js',
  '**/server-embedded/index.js',
  '**/runtimes/node/**',
];

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
    files: ['server-embedded/dashboard/**/*.ts', 'server-embedded/spawn/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(['**/cli/**'], 'The dashboard and the spawner sit below the CLI.'),
    },
  },
  {
    files: ['server-embedded/server/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(['**/cli/**'], 'The server must not depend on the CLI.'),
    },
  },
  {
    // A separate rule name from the layering rules above, so both apply; type-only imports are
    // erased from the bundle, so they may cross.
    files: AGNOSTIC_FILES,
    ignores: NODE_ONLY_IN_AGNOSTIC,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...NODE_BUILTINS, ...NODE_ONLY_PACKAGES].map((name) => ({
            name,
            message: 'This file runs in web pages (plugkit/browser): no Node modules.',
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: ['node:*'],
              message: 'This file runs in web pages (plugkit/browser): no Node modules.',
              allowTypeImports: true,
            },
            {
              group: NODE_ONLY_MODULES,
              message:
                'This file runs in web pages (plugkit/browser): it must not import the Node-only side.',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name,
          message: 'Node-only global: this file runs in web pages too (plugkit/browser).',
        })),
      ],
    },
  },
);
