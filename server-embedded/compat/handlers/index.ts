/** Every legacy message handler, by message name: one file per message family. */
import { deviceSpecificHandlers } from './device-specific.js';
import { generalHandlers } from './general.js';
import { genericOutputHandlers } from './generic-outputs.js';
import { rawHandlers } from './raw.js';
import { sensorHandlers } from './sensors.js';
import type { HandledName, LegacyHandlers } from './types.js';

export const legacyHandlers: LegacyHandlers = {
  ...generalHandlers,
  ...genericOutputHandlers,
  ...deviceSpecificHandlers,
  ...sensorHandlers,
  ...rawHandlers,
};

/** Is this a message some legacy handler takes? */
export const isHandled = (type: string): type is HandledName => Object.hasOwn(legacyHandlers, type);

export type { HandledName, LegacyHandler, LegacyHandlers } from './types.js';
