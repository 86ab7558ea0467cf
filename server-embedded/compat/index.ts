import type { SpecAdapterFactory } from '../server/spec-adapter.js';

/**
 * Adapters for spec versions older than v4, by version. Each converts that version's messages
 * into core (v4) operations and shapes events the way its clients expect.
 */
export const legacyAdapters: ReadonlyMap<number, SpecAdapterFactory> = new Map();
