import type { Endpoint } from '../../hardware/types.js';
import type { ResolvedDevice, ResolvedFeature } from '../definition.js';
import { write, type HardwareCommand } from '../types.js';

/**
 * For toys whose every packet carries every motor: remembers each slot's latest value, so a
 * command for one motor can resend the others unchanged, and tags each packet with one
 * device-wide write id, so a newer packet replaces an older one still waiting out the message
 * gap (it carries everything the older one did).
 *
 * Slots are named by keys: feature indexes for most toys, output types where a packet has one
 * place per kind of output. Every slot starts at 0.
 */
export class AllMotors<K extends string | number = number> {
  private readonly values: number[];
  private readonly ids: readonly string[];

  /** `id` names the packet (unique to the protocol); `slots` are the keys in packet order. */
  constructor(
    id: string,
    private readonly slots: readonly K[],
  ) {
    this.ids = [id];
    this.values = slots.map(() => 0);
  }

  /** Whether the packet has a place for `key`. */
  has(key: K): boolean {
    return this.slots.includes(key);
  }

  /**
   * Stores `value` for `key` and returns every slot's latest value in packet order; undefined
   * (nothing stored) when the packet has no place for `key`.
   */
  set(key: K, value: number): number[] | undefined {
    const i = this.slots.indexOf(key);
    if (i < 0) return undefined;
    this.values[i] = value;
    return [...this.values];
  }

  /** Every slot's latest value in packet order. */
  latest(): number[] {
    return [...this.values];
  }

  /** A write of a whole-device packet, tagged with the device-wide id. */
  write(endpoint: Endpoint, data: ArrayLike<number>, withResponse = false): HardwareCommand {
    return write(endpoint, data, withResponse, this.ids);
  }
}

/** Feature indexes 0 … count-1: for packets whose slots are simply the first features. */
export const firstFeatures = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

/**
 * Indexes of the device's features that have outputs (narrowed by `pick`), in index order: for
 * packets with one slot per motor feature of the model.
 */
export const motorFeatureIndexes = (
  device: ResolvedDevice,
  pick: (f: ResolvedFeature) => boolean = (f) => f.outputs.length > 0,
): number[] =>
  device.features
    .filter(pick)
    .map((f) => f.index)
    .sort((a, b) => a - b);
