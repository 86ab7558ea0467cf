#!/usr/bin/env node
// The `plugkit` command (package.json "bin"; dist/cli.js imports it too). It runs the CLI bundle
// (dist/cli/plugkit.cjs) with the V8 code cache the build wrote beside it, so a start skips parsing
// and compiling the bundle. CommonJS on purpose: an ES module entry makes Node set up its ESM
// loader first, which costs more than everything this file does. scripts/build.mjs copies it to
// dist/plugkit.cjs with BUILD_ID replaced by the bundle's hash; a cache written for other code is
// never read, and V8 itself rejects one from another Node version (then the bundle compiles as usual).
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, 'cli', 'plugkit.cjs');
const cacheFile = join(__dirname, 'cli', 'plugkit.BUILD_ID.cache');
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache (a build that could not write one): compile from source.
}
const script = new Script(wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
// The build runs `serve` once with this set and keeps what V8 compiled by the time the process ends.
if (process.env.PLUGKIT_WRITE_CODE_CACHE === '1')
  process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
const cjsModule = { exports: {} };
script
  .runInThisContext()
  .call(
    cjsModule.exports,
    cjsModule.exports,
    createRequire(bundle),
    cjsModule,
    bundle,
    join(__dirname, 'cli'),
  );
