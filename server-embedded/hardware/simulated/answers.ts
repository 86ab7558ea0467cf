/**
 * What a simulated toy answers when its protocol asks, keyed by protocol name (the device
 * config's). The backend knows no protocol code; these are the toys' side of each handshake,
 * written from the protocol facts: which endpoint is read or written, and what a real toy of
 * that kind sends back.
 */
import type { Endpoint } from '../types.js';

/** The toy's state its answers draw on; changed live with `SimulatedDevice.setInputs`. */
export interface SimulatedInputs {
  /** Battery level in percent, 0–100. */
  battery: number;
  /** Pressure sensor reading (device units, 0–65535), for toys that stream pressure. */
  pressure: number;
}

/** What an answer sees of the toy. */
export interface AnsweringToy {
  readonly name: string;
  readonly address: string;
  /** The model identifier this toy reports when asked (e.g. `Z` for a Lovense Hush); may be absent. */
  readonly identifier: string | undefined;
  readonly inputs: Readonly<SimulatedInputs>;
  /** Sends bytes from the toy (delivered only if the protocol subscribed to the endpoint). */
  notify(endpoint: Endpoint, data: ArrayLike<number>): boolean;
}

/** A protocol's toy side. Each hook returns undefined when it has nothing to say. */
export interface ToyAnswers {
  /** Bytes for a read of `endpoint`. */
  read?(toy: AnsweringToy, endpoint: Endpoint): Uint8Array | undefined;
  /** Reacts to a write (typically by notifying an answer). */
  write?(toy: AnsweringToy, endpoint: Endpoint, data: Uint8Array): void;
  /**
   * Sensor streams: called when the protocol subscribes to `endpoint` (`changed` false) and when
   * the inputs change while it is subscribed (`changed` true).
   */
  stream?(toy: AnsweringToy, endpoint: Endpoint, changed: boolean): void;
}

/** Battery level when a spec names none (a toy fresh off the charger is rarely at 100). */
export const DEFAULT_SIMULATED_BATTERY = 85;

const text = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const decode = (data: Uint8Array): string => String.fromCharCode(...data);
const clampByte = (n: number): number => Math.max(0, Math.min(255, Math.round(n)));

/** Every BLE toy with a battery service: a read of `rxblebattery` is one byte, percent. */
const bleBattery: ToyAnswers = {
  read: (toy, endpoint) =>
    endpoint === 'rxblebattery' ? Uint8Array.of(clampByte(toy.inputs.battery)) : undefined,
};

/** The model characteristic as UTF-8 text (Vibratissimo, MonsterPub). */
const modelText: ToyAnswers['read'] = (toy, endpoint) =>
  endpoint === 'rxblemodel' && toy.identifier !== undefined
    ? new TextEncoder().encode(toy.identifier)
    : undefined;

/** Six hex digits of the toy's "MAC" for Lovense's DeviceType answer, stable per address. */
const lovenseMac = (address: string): string => {
  let h = 0x811c9dc5;
  for (const c of address) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return ('0082' + h.toString(16).padStart(8, '0')).toUpperCase();
};

/**
 * Lovense: text commands on `tx`, answers on `rx`. `DeviceType;` → `Z:11:0082059AD3BD;` (model
 * letters, firmware, MAC); `Battery;` → `85;`. The config's `EI-FW3` identifier is a Flexer
 * with firmware 3, so that one answers `EI:3:…`.
 */
const lovense: ToyAnswers = {
  write: (toy, endpoint, data) => {
    if (endpoint !== 'tx') return;
    const command = decode(data);
    if (command === 'DeviceType;') {
      const fw = /^(.+)-FW(\d+)$/.exec(toy.identifier ?? '');
      const model = fw ? fw[1]! : (toy.identifier ?? 'S');
      toy.notify('rx', text(`${model}:${fw ? fw[2]! : '11'}:${lovenseMac(toy.address)};`));
    } else if (command === 'Battery;') {
      toy.notify('rx', text(`${Math.round(Math.max(0, Math.min(100, toy.inputs.battery)))};`));
    }
  },
};

/** Satisfyer: older toys answer a read of `rxblemodel` with the model number, 4 bytes big-endian. */
const satisfyer: ToyAnswers = {
  read: (toy, endpoint) => {
    if (endpoint !== 'rxblemodel' || toy.identifier === undefined || !/^\d+$/.test(toy.identifier))
      return undefined;
    const n = Number(toy.identifier) >>> 0;
    return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  },
};

/** Hismith: the model id `1001` is two bytes on `rxblemodel`, `10 01`. */
const hismith: ToyAnswers = {
  read: (toy, endpoint) => {
    if (endpoint !== 'rxblemodel' || !toy.identifier || !/^([0-9a-f]{2})+$/i.test(toy.identifier))
      return undefined;
    return Uint8Array.from(toy.identifier.match(/../g)!, (b) => parseInt(b, 16));
  },
};

/**
 * MonsterPub: the model name on `rxblemodel`, and a 16-byte connect challenge on `rx` (key
 * number 0, then 15 bytes the server XORs with that key). The simulated toy takes any reply.
 */
const monsterpub: ToyAnswers = {
  read: (toy, endpoint) => {
    if (endpoint === 'rx')
      return Uint8Array.of(0, ...Array.from({ length: 15 }, (_, i) => (i * 37 + 11) & 0xff));
    return modelText(toy, endpoint);
  },
};

/**
 * KGoal Boost: pressure notifications on `rxpressure`, 7 bytes with the normalised reading in
 * bytes 3–4 and the raw one in 5–6 (big-endian); the simulated toy reports one value for both.
 */
const kgoalBoost: ToyAnswers = {
  stream: (toy, endpoint, changed) => {
    if (endpoint !== 'rxpressure') return;
    const v = Math.max(0, Math.min(0xffff, Math.round(toy.inputs.pressure)));
    // At rest (0) a new subscriber hears nothing until something presses.
    if (!changed && v === 0) return;
    toy.notify(endpoint, [0, 0, 0, v >> 8, v & 0xff, v >> 8, v & 0xff]);
  },
};

/** Kiiroo v2.1: a 20-byte status block on `whitelist`, the battery level in byte 5. */
const kiirooV21: ToyAnswers = {
  read: (toy, endpoint) => {
    if (endpoint !== 'whitelist') return undefined;
    const status = new Uint8Array(20);
    status[5] = clampByte(toy.inputs.battery);
    return status;
  },
};

/** Ankni: an id read from `generic0`; firmware with a long id (more than six bytes) needs no handshake. */
const ankni: ToyAnswers = {
  read: (_toy, endpoint) => (endpoint === 'generic0' ? text('PLUGKIT-SIM-01') : undefined),
};

/** The toy side of each protocol plugkit simulates beyond plain writes. */
export const toyAnswers: ReadonlyMap<string, ToyAnswers> = new Map<string, ToyAnswers>([
  ['lovense', lovense],
  ['vibratissimo', { read: modelText }],
  ['satisfyer', satisfyer],
  ['hismith', hismith],
  ['hismith-mini', hismith],
  ['monsterpub', monsterpub],
  ['kgoal-boost', kgoalBoost],
  ['kiiroo-v21', kiirooV21],
  ['kiiroo-v21-initialized', kiirooV21],
  ['ankni', ankni],
]);

/** The answers for a protocol, falling back to what any BLE toy does (its battery service). */
export function answersFor(protocol: string | undefined): ToyAnswers[] {
  const own = protocol === undefined ? undefined : toyAnswers.get(protocol);
  return own ? [own, bleBattery] : [bleBattery];
}
