import { createLovenseHandler } from './handler.js';
import { identifyLovense } from './identify.js';
import type { Protocol } from '../types.js';

/**
 * Lovense: the model is asked for (`DeviceType;`), then driven with text commands whose shape
 * depends on the model's motors (see {@link createLovenseHandler}). Battery is read by asking.
 */
export const lovense: Protocol = {
  name: 'lovense',
  identify: identifyLovense,
  create: createLovenseHandler,
};
