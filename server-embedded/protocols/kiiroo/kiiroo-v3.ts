import { kiirooV21Handler } from './kiiroo-v21.js';
import type { Protocol } from '../types.js';

/** Kiiroo v3 (Keon Wifi over Bluetooth): the v2.1 command set, no start-up exchange. */
export const kiirooV3: Protocol = {
  name: 'kiiroo-v3',
  create: ({ hardware }) => kiirooV21Handler(hardware),
};
