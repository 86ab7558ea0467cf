import type { Observable } from 'rxjs';
import type { Clock } from '../clock/index.js';
import type { AnyMessage } from '../protocol/index.js';
import type { Codec, Outgoing } from './codec.js';
import type { DeviceDescription, Reading } from './model.js';

/**
 * What devices, outputs and inputs need from the client: the current codec and a way to send.
 * Both fail fast with NOT_CONNECTED while there is no connection.
 */
export interface ClientLink {
  /** The codec of the current connection; throws NOT_CONNECTED when there is none. */
  codec(): Codec;
  /** Sends a message and resolves with its reply; rejects at once with NOT_CONNECTED when offline. */
  request(message: Outgoing): Promise<AnyMessage>;
  /** Readings from subscriptions, already decoded. */
  readonly reading$: Observable<Reading>;
  /** The current description of a device, or undefined if it is not present now. */
  describe(deviceIndex: number): DeviceDescription | undefined;
  /** The client's clock (input polling times itself on it). */
  clock(): Clock;
}
