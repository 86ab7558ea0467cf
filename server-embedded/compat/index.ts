import type { SpecAdapterFactory } from '../server/spec-adapter.js';
import { legacyAdapter } from './legacy-adapter.js';

/**
 * Adapters for spec versions older than v4, by version. Each converts that version's messages
 * into core (v4) operations and shapes events the way its clients expect.
 */
export const legacyAdapters: ReadonlyMap<number, SpecAdapterFactory> = new Map([
  [0, legacyAdapter(0)],
  [1, legacyAdapter(1)],
  [2, legacyAdapter(2)],
  [3, legacyAdapter(3)],
]);

export { legacyAdapter } from './legacy-adapter.js';
export { legacyShapes } from './shapes.js';
