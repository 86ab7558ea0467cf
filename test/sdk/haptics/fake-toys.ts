import { BehaviorSubject, Subject } from 'rxjs';
import { Device, VirtualClock, type Clock, type OutputType, type Range } from '../../../sdk/index.js';
import { v4Codec } from '../../../sdk/client/codec-v4.js';
import type { ClientLink } from '../../../sdk/client/link.js';
import type { DeviceDescription } from '../../../sdk/client/model.js';

/** One OutputCmd the fake server received, stamped with virtual time. */
export interface SentCommand {
  at: number;
  device: number;
  feature: number;
  type: OutputType;
  value: number;
  duration?: number;
}

/** A fake outputs spec: type, steps (range top), optional signed range and duration range. */
export interface FakeOutput {
  type: OutputType;
  steps: number;
  signed?: boolean;
  duration?: Range;
}

/**
 * Toys behind a fake client link on a VirtualClock: every output command is recorded with its
 * virtual time and answered after `replyMs` of virtual time (or held while `hold` is true).
 */
export class FakeToys<C extends Clock = VirtualClock> {
  /** @param clock the clock stamping commands (default a VirtualClock at 1000 ms). */
  constructor(readonly clock: C = new VirtualClock(1000) as unknown as C) {}
  readonly sent: SentCommand[] = [];
  readonly devices$ = new BehaviorSubject<readonly Device[]>([]);
  replyMs = 0;
  hold = false;
  inFlight = 0;
  maxInFlight = 0;
  private held: (() => void)[] = [];
  private descriptions: DeviceDescription[] = [];

  private readonly link: ClientLink = {
    codec: () => v4Codec,
    clock: () => this.clock,
    request: (message) => {
      const command = message['Command'] as Record<string, { Value: number; Duration?: number }>;
      const type = Object.keys(command)[0] as OutputType;
      const entry: SentCommand = {
        at: this.clock.now(),
        device: message['DeviceIndex'] as number,
        feature: message['FeatureIndex'] as number,
        type,
        value: command[type]!.Value,
      };
      if (command[type]!.Duration !== undefined) entry.duration = command[type]!.Duration;
      this.sent.push(entry);
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      return new Promise((resolve) => {
        const done = () => {
          this.inFlight--;
          resolve({ type: 'Ok', Id: 1 });
        };
        if (this.hold) this.held.push(done);
        else if (this.replyMs > 0) this.clock.schedule(this.replyMs, done);
        else done();
      });
    },
    reading$: new Subject(),
    describe: (i) => this.descriptions.find((d) => d.index === i),
  };

  /** Adds a toy (announced on devices$ at once). */
  add(name: string, gapMs: number, outputs: FakeOutput[]): Device {
    const index = this.descriptions.length;
    const desc: DeviceDescription = {
      index,
      name,
      messageTimingGap: gapMs,
      features: outputs.map((o, i) => ({
        index: i,
        description: `${o.type} ${i}`,
        outputs: [
          {
            type: o.type,
            range: [o.signed ? -o.steps : 0, o.steps],
            ...(o.duration ? { duration: o.duration } : {}),
          },
        ],
        inputs: [],
      })),
    };
    this.descriptions.push(desc);
    const device = new Device(this.link, desc);
    this.devices$.next([...this.devices$.value, device]);
    return device;
  }

  /** Answers every held request. */
  release(): void {
    const h = this.held;
    this.held = [];
    for (const done of h) done();
  }

  /** Commands sent to one device/feature. */
  to(device: Device, feature = 0): SentCommand[] {
    return this.sent.filter((s) => s.device === device.index && s.feature === feature);
  }
}

/** Smallest spacing between consecutive commands (Infinity for fewer than two). */
export function minSpacing(list: readonly SentCommand[]): number {
  let min = Infinity;
  for (let i = 1; i < list.length; i++) min = Math.min(min, list[i]!.at - list[i - 1]!.at);
  return min;
}
