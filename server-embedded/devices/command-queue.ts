import { realClock, type Clock, type Timer } from '../../sdk/clock/index.js';
import { PlugkitError } from '../../sdk/protocol/index.js';
import type { Hardware } from '../hardware/types.js';
import type { HardwareCommand, KeepalivePolicy } from '../protocols/types.js';

/** Options of {@link CommandQueue}. */
export interface CommandQueueOptions {
  /** Repeats a packet while the device is idle (toys that stop without one). */
  keepalive?: KeepalivePolicy;
  /** Told of failures nobody awaits (paced batches, keepalives). */
  onError?: (err: unknown) => void;
  /** Time for the gap window and the keepalive (default: the real clock). */
  clock?: Clock;
}

interface Pending {
  command: HardwareCommand;
  /** What the command controls (writes only): a newer write sharing an id replaces it. */
  ids?: readonly string[];
}

/**
 * Paces a device's hardware commands. Without a gap, commands run at once, in order, and the
 * caller learns of write failures; what arrives while the toy is still busy with a write waits
 * as one batch (with the replacing rule below), so a slow toy never builds a backlog. With a gap (toys that drop packets sent too fast), the first
 * command opens a window of one gap; what arrives meanwhile joins the batch, and a newer write
 * replaces a waiting one it shares an id with (default id: the output), so a burst of slider
 * moves costs one write and a whole-device packet supersedes older ones. `push` returns the
 * delivery: settled once the hardware took the commands (no gap) or at once (queued for the gap).
 * Each device has its own queue, so a slow toy holds up only its own commands.
 */
export class CommandQueue {
  /** Settles (never rejects) once the batch handed to the hardware last has finished. */
  private last: Promise<void> = Promise.resolve();
  private pending: Pending[] = [];
  private timer: Timer | undefined;
  private keepaliveTimer: Timer | undefined;
  private lastWriteAt = 0;
  private lastWrite: HardwareCommand | undefined;
  private disposed = false;
  /** Batches handed to the hardware and not finished yet. */
  private busy = 0;
  /** Callers waiting for the batch that goes out once the hardware is free (no gap). */
  private next: Deferred | undefined;
  private readonly keepalive: KeepalivePolicy | undefined;
  private readonly onError: (err: unknown) => void;
  private readonly clock: Clock;

  constructor(
    private readonly hardware: Hardware,
    private readonly gapMs: number,
    options: CommandQueueOptions = {},
  ) {
    this.keepalive = options.keepalive;
    this.onError = options.onError ?? (() => {});
    this.clock = options.clock ?? realClock;
    if (this.keepalive)
      // Background: a keepalive alone must not keep the process running.
      this.keepaliveTimer = this.clock.repeat(this.keepalive.intervalMs, () => this.tickKeepalive(), {
        background: true,
      });
  }

  /**
   * Queues a protocol's commands for one output (`key`). Returns the delivery: without a gap it
   * settles once the hardware took them, with a gap at once (failures go to `onError`). `onFail`,
   * if given, is told when this delivery fails, and the returned promise then needs no handler of
   * its own: the same reaction that frees the queue reports it (one step per command, not three).
   */
  push(key: string, commands: HardwareCommand[], onFail?: (err: unknown) => void): Promise<void> {
    if (this.disposed) {
      const refused = Promise.reject(gone());
      if (onFail) refused.catch(onFail);
      return refused;
    }
    if (commands.length === 0) return Promise.resolve();
    if (this.gapMs <= 0 && this.busy === 0) return this.enqueue(commands, onFail);
    const waited = this.wait(key, commands);
    if (onFail) waited.catch(onFail);
    return waited;
  }

  /** A push behind the gap window or behind a write still in flight. */
  private wait(key: string, commands: HardwareCommand[]): Promise<void> {
    const incoming: Pending[] = commands.map((command) =>
      command.kind === 'write' ? { command, ids: command.ids ?? [key] } : { command },
    );
    const replaced = new Set(incoming.flatMap((p) => p.ids ?? []));
    // Commands of one push never replace each other: a protocol may send several writes at once.
    this.pending = this.pending.filter((p) => !p.ids?.some((id) => replaced.has(id)));
    this.pending.push(...incoming);
    if (this.gapMs > 0) {
      this.schedule();
      return Promise.resolve();
    }
    // No gap, but the toy is still busy with an earlier write: wait for the next batch, where a
    // newer value replaces an older one, so a slow toy never piles up a backlog.
    this.next ??= deferred();
    return this.next.promise;
  }

  /** Sends everything still waiting now, ignoring the gap (shutdown must reach the toy). */
  async flush(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    await this.sendPending()?.catch(this.onError);
    await this.last;
  }

  dispose(): void {
    this.disposed = true;
    this.pending = [];
    this.timer?.cancel();
    this.keepaliveTimer?.cancel();
    this.next?.reject(gone());
    this.next = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = this.clock.schedule(this.gapMs, () => {
      this.timer = undefined;
      this.sendPending()?.catch(this.onError);
    });
  }

  /** Sends what waits as one batch, settling the callers waiting for it; undefined if nothing waits. */
  private sendPending(): Promise<void> | undefined {
    const batch = this.pending.splice(0);
    const waiting = this.next;
    this.next = undefined;
    if (batch.length === 0) {
      waiting?.resolve();
      return undefined;
    }
    const run = this.enqueue(batch.map((p) => p.command));
    if (waiting) void run.then(waiting.resolve, waiting.reject);
    return run;
  }

  private enqueue(commands: HardwareCommand[], onFail?: (err: unknown) => void): Promise<void> {
    // An idle queue starts the commands one microtask later: the caller's reply (an Ok) leaves
    // first, and the toy is written to right after. A busy one starts them once the batch before
    // has finished.
    const run = (this.busy === 0 ? RESOLVED : this.last).then(() => this.execute(commands));
    this.busy++;
    // One reaction settles everything: the busy count, the caller's failure report, and `last`.
    this.last = run.then(
      this.finishedOk,
      onFail ? (err: unknown) => this.finishedFailed(err, onFail) : this.finishedOk,
    );
    return run;
  }

  private readonly finishedOk = (): void => this.finished();

  private finishedFailed(err: unknown, onFail: (err: unknown) => void): void {
    this.finished();
    onFail(err);
  }

  private finished(): void {
    this.busy--;
    // Without a gap, what arrived while the toy was busy goes out as soon as it is free.
    if (this.gapMs <= 0 && this.busy === 0 && !this.disposed) this.sendPending()?.catch(this.onError);
  }

  /** Runs a batch's commands one after another; a single command (the usual case) without an async frame. */
  private execute(commands: HardwareCommand[]): Promise<void> {
    return commands.length === 1 ? this.runOne(commands[0]!) : this.runAll(commands);
  }

  private async runAll(commands: HardwareCommand[]): Promise<void> {
    for (const c of commands) await this.runOne(c);
  }

  /** One command to the hardware; settles when the hardware is done with it. */
  private runOne(c: HardwareCommand): Promise<void> {
    if (this.disposed) return Promise.reject(gone());
    let started: Promise<void>;
    try {
      started =
        c.kind === 'write'
          ? this.hardware.write(c.endpoint, c.data, c.withResponse)
          : c.kind === 'subscribe'
            ? this.hardware.subscribe(c.endpoint)
            : this.hardware.unsubscribe(c.endpoint);
    } catch (err) {
      return Promise.reject(this.failedCommand(err));
    }
    return started.then(
      () => {
        this.lastWriteAt = this.clock.now();
        if (c.kind === 'write') this.lastWrite = c;
      },
      (err: unknown) => {
        throw this.failedCommand(err);
      },
    );
  }

  /** A hardware failure as the error callers get (a PlugkitError passes unchanged). */
  private failedCommand(err: unknown): PlugkitError {
    this.lastWriteAt = this.clock.now();
    return err instanceof PlugkitError
      ? err
      : new PlugkitError(
          'ERROR_DEVICE',
          'DeviceCommunicationError',
          `Could not talk to the device: ${(err as Error).message}`,
        );
  }

  private tickKeepalive(): void {
    if (!this.keepalive || this.disposed) return;
    if (this.clock.now() - this.lastWriteAt < this.keepalive.intervalMs - 5) return;
    const fixed = this.keepalive.packet;
    const packet = typeof fixed === 'function' ? fixed() : (fixed ?? this.lastWrite);
    if (packet) this.enqueue([packet]).catch(this.onError);
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

const RESOLVED: Promise<void> = Promise.resolve();

const deferred = (): Deferred => {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const gone = () =>
  new PlugkitError(
    'ERROR_DEVICE',
    'DeviceNotAvailable',
    'The device was removed; its commands were dropped.',
  );
