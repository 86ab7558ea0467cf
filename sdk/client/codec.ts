import type { AnyMessage, InputCommandType } from '../protocol/index.js';
import type {
  DeviceDescription,
  FeatureDescription,
  InputDescription,
  OutputDescription,
  OutputValue,
  Reading,
} from './model.js';

/** A message to send, without its Id (the channel assigns it). */
export type Outgoing = { type: string; [field: string]: unknown };

/**
 * What differs between spec versions, in one place: reading device lists and events, and writing
 * commands. Devices, outputs and inputs talk to a codec and never to message shapes directly.
 */
export interface Codec {
  /** The spec version this codec speaks. */
  readonly version: number;
  /** Reads the reply to RequestDeviceList. */
  deviceList(message: AnyMessage): DeviceDescription[];
  /** Applies a server event to the device list; undefined if the event is not about devices. */
  deviceEvent(message: AnyMessage, current: readonly DeviceDescription[]): DeviceDescription[] | undefined;
  output(
    device: DeviceDescription,
    feature: FeatureDescription,
    output: OutputDescription,
    value: OutputValue,
  ): Outgoing;
  input(
    device: DeviceDescription,
    feature: FeatureDescription,
    input: InputDescription,
    command: InputCommandType,
  ): Outgoing;
  /** Reads a reading (a Read reply or a subscription event); undefined if the message is not one. */
  reading(
    message: AnyMessage,
    lookup: (deviceIndex: number) => DeviceDescription | undefined,
  ): Reading | undefined;
  stopDevice(deviceIndex: number): Outgoing;
  stopAll(): Outgoing;
}

/** Narrowing helpers for untrusted server data: a malformed field becomes a clear error. */
export const field = {
  num(v: unknown, what: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new TypeError(`server sent ${what} = ${JSON.stringify(v)}; expected a number`);
    return v;
  },
  str(v: unknown, what: string): string {
    if (typeof v !== 'string')
      throw new TypeError(`server sent ${what} = ${JSON.stringify(v)}; expected a string`);
    return v;
  },
  obj(v: unknown, what: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new TypeError(`server sent ${what} = ${JSON.stringify(v)}; expected an object`);
    return v as Record<string, unknown>;
  },
  range(v: unknown, what: string): [number, number] {
    if (!Array.isArray(v) || v.length !== 2)
      throw new TypeError(`server sent ${what} = ${JSON.stringify(v)}; expected [min, max]`);
    return [field.num(v[0], `${what}[0]`), field.num(v[1], `${what}[1]`)];
  },
};
