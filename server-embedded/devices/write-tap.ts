import type { Endpoint, Hardware } from '../hardware/types.js';
import type { DeviceEvent, EventSink } from './device-events.js';

/**
 * Wraps a device's hardware so every write that succeeds is reported as a `write` event, whoever
 * sent it: the command queue, a keepalive, or a protocol writing on its own, while someone listens
 * (a write started before the first listener came is not reported). Costs one check of `observed`
 * per write when nobody listens.
 */
export function tapWrites(hardware: Hardware, deviceIndex: number, sink: EventSink<DeviceEvent>): Hardware {
  return {
    get name() {
      return hardware.name;
    },
    get address() {
      return hardware.address;
    },
    get endpoints() {
      return hardware.endpoints;
    },
    get messageGapMs() {
      return hardware.messageGapMs;
    },
    get closed() {
      return hardware.closed;
    },
    get notification$() {
      return hardware.notification$;
    },
    get disconnected$() {
      return hardware.disconnected$;
    },
    write(endpoint: Endpoint, data: Uint8Array, withResponse: boolean): Promise<void> {
      const written = hardware.write(endpoint, data, withResponse);
      // Unobserved (the usual case): the hardware's own promise, no extra step per write.
      if (!sink.observed) return written;
      return written.then(() => {
        if (sink.observed) sink.emit({ kind: 'write', deviceIndex, endpoint, data, withResponse });
      });
    },
    read: (endpoint, length, timeoutMs) => hardware.read(endpoint, length, timeoutMs),
    subscribe: (endpoint) => hardware.subscribe(endpoint),
    unsubscribe: (endpoint) => hardware.unsubscribe(endpoint),
    disconnect: () => hardware.disconnect(),
  };
}
