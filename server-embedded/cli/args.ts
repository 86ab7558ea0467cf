/**
 * Kept for callers that imported the CLI's parsing from here before it became table-driven;
 * new code imports serve-flags.ts / flags.ts directly.
 */
export { UsageError } from './usage-error.js';
export { SERVE_FLAGS, parseServeArgs, parseServeFlags, serveHelp, type ServeArgs } from './serve-flags.js';
