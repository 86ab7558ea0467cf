/**
 * A stand-in for `navigator.bluetooth` at the lowest layer, installed into a page before its
 * scripts run (`page.addInitScript(installBluetoothStandIn, toys)`). It behaves as Chromium's
 * does where plugkit depends on it: the chooser needs a user gesture and honours the filters,
 * services not named in the request are off limits, a dropped link fires
 * `gattserverdisconnected` and fails later writes. Characteristics record every write and
 * notify while subscribed; a toy can answer a written text with a notification.
 *
 * The function is serialised into the page: it must not use anything from outside its body.
 */

/** A toy the stand-in can offer. */
export interface StandInToy {
  id: string;
  name: string;
  /** service uuid → its characteristic uuids */
  services: Record<string, string[]>;
  /** Written text (latin1) → the characteristic that answers and the text it notifies. */
  replies?: Record<string, { char: string; text: string }>;
}

/** A write the stand-in recorded. */
export interface StandInWrite {
  id: string;
  char: string;
  bytes: number[];
  withResponse: boolean;
}

/** What the page sees as `window.__ble`. */
export interface StandInControl {
  /** Name of the toy the "user" picks in the next chooser. */
  pick: string | undefined;
  requests: unknown[];
  writes: StandInWrite[];
  refusals: string[];
  notify(id: string, char: string, bytes: number[]): void;
  /** The toy goes out of range: its GATT link drops. */
  drop(id: string): void;
}

export function installBluetoothStandIn(toys: StandInToy[]): void {
  type Filter = { name?: string; namePrefix?: string; services?: string[] };
  const fail = (name: string, message: string) => new DOMException(message, name);
  const control: StandInControl = {
    pick: undefined,
    requests: [],
    writes: [],
    refusals: [],
    notify: (id, char, bytes) => devices.get(id)?.chars.get(char)?.notify(bytes),
    drop: (id) => devices.get(id)?.drop(),
  };

  class Char extends EventTarget {
    value: DataView | null = null;
    notifying = false;
    constructor(
      readonly uuid: string,
      private readonly toy: Toy,
    ) {
      super();
    }
    private async write(value: BufferSource, withResponse: boolean) {
      if (!this.toy.connected) throw fail('NetworkError', 'GATT Server is disconnected.');
      const bytes = [
        ...new Uint8Array(
          ArrayBuffer.isView(value)
            ? value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)
            : value,
        ),
      ];
      control.writes.push({ id: this.toy.spec.id, char: this.uuid, bytes, withResponse });
      const reply = this.toy.spec.replies?.[String.fromCharCode(...bytes)];
      if (reply)
        setTimeout(
          () => this.toy.chars.get(reply.char)?.notify([...reply.text].map((c) => c.charCodeAt(0))),
          1,
        );
    }
    writeValueWithResponse(value: BufferSource) {
      return this.write(value, true);
    }
    writeValueWithoutResponse(value: BufferSource) {
      return this.write(value, false);
    }
    async readValue() {
      if (!this.toy.connected) throw fail('NetworkError', 'GATT Server is disconnected.');
      return this.value ?? new DataView(new ArrayBuffer(0));
    }
    async startNotifications() {
      if (!this.toy.connected) throw fail('NetworkError', 'GATT Server is disconnected.');
      this.notifying = true;
      return this;
    }
    async stopNotifications() {
      this.notifying = false;
      return this;
    }
    notify(bytes: number[]) {
      if (!this.notifying || !this.toy.connected) return;
      this.value = new DataView(Uint8Array.from(bytes).buffer);
      this.dispatchEvent(new Event('characteristicvaluechanged'));
    }
  }

  class Toy extends EventTarget {
    connected = false;
    readonly chars = new Map<string, Char>();
    allowed = new Set<string>();
    readonly gatt = {
      device: this,
      get connected() {
        return this.device.connected;
      },
      connect: async () => {
        this.connected = true;
        return this.gatt;
      },
      disconnect: () => this.drop(),
      getPrimaryService: async (uuid: string) => {
        if (!this.connected) throw fail('NetworkError', 'GATT Server is disconnected.');
        if (!this.allowed.has(uuid))
          throw fail(
            'SecurityError',
            `Origin is not allowed to access the service ${uuid}: add it to optionalServices.`,
          );
        const chars = this.spec.services[uuid];
        if (!chars) throw fail('NotFoundError', `No Services matching UUID ${uuid} found in Device.`);
        return this.service(uuid, chars);
      },
      getPrimaryServices: async () =>
        Object.entries(this.spec.services)
          .filter(([uuid]) => this.allowed.has(uuid))
          .map(([uuid, chars]) => this.service(uuid, chars)),
    };
    constructor(readonly spec: StandInToy) {
      super();
      for (const chars of Object.values(spec.services))
        for (const c of chars) this.chars.set(c, new Char(c, this));
    }
    get id() {
      return this.spec.id;
    }
    get name() {
      return this.spec.name;
    }
    service(uuid: string, chars: string[]) {
      return {
        uuid,
        getCharacteristic: async (c: string) => {
          if (!chars.includes(c))
            throw fail('NotFoundError', `No Characteristics matching UUID ${c} found in Service.`);
          return this.chars.get(c)!;
        },
      };
    }
    drop() {
      if (!this.connected) return;
      this.connected = false;
      for (const c of this.chars.values()) c.notifying = false;
      this.dispatchEvent(new Event('gattserverdisconnected'));
    }
  }

  const devices = new Map(toys.map((t) => [t.id, new Toy(t)]));
  const matches = (toy: Toy, f: Filter) =>
    (f.name === undefined || f.name === toy.name) &&
    (f.namePrefix === undefined || toy.name.startsWith(f.namePrefix)) &&
    (f.services ?? []).every((s) => s in toy.spec.services);

  const bluetooth = {
    getAvailability: async () => true,
    requestDevice: async (options: { filters?: Filter[]; optionalServices?: string[] }) => {
      control.requests.push(options);
      if (!navigator.userActivation.isActive) {
        control.refusals.push('no user gesture');
        throw fail('SecurityError', 'Must be handling a user gesture to show a permission request.');
      }
      const toy = [...devices.values()].find((d) => d.name === control.pick);
      if (!toy || !(options.filters ?? []).some((f) => matches(toy, f))) {
        control.refusals.push(`nothing picked (${control.pick ?? 'no pick'})`);
        throw fail('NotFoundError', 'User cancelled the requestDevice() chooser.');
      }
      toy.allowed = new Set([
        ...(options.optionalServices ?? []),
        ...(options.filters ?? []).flatMap((f) => f.services ?? []),
      ]);
      return toy;
    },
  };
  Object.defineProperty(Navigator.prototype, 'bluetooth', { configurable: true, get: () => bluetooth });
  (window as unknown as { __ble: StandInControl }).__ble = control;
}
