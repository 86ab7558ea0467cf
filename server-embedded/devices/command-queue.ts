import { PlugkitError } from '../../sdk/protocol/index.js';
import type { Hardware } from '../hardware/types.js';
import type { HardwareCommand, KeepalivePolicy } from '../protocols/types.js';

interface Pending {
  command: HardwareCommand;
  /** What the command controls (writes only): a newer write sharing an id replaces it. */
  ids?: readonly string[];
}

/**
 * Paces a device's hardware commands. Without a gap, commands run at once, in order, and the
 * caller learns of write failures. With a gap (toys that drop packets sent too fast), the first
 * command opens a window of one gap; what arrives meanwhile joins the batch, and a newer write
 * replaces a waiting one it shares an id with (default id: the output), so a burst of slider
 * moves costs one write and a whole-device packet supersedes older ones. Callers return once
 * queued, as the reference does.
 */
export class CommandQueue {
  private chain: Promise<void> = Promise.resolve();
  private pending: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private keepaliveTimer: ReturnType<typeof setInterval> | undefined;
  private lastWriteAt = 0;
  private lastWrite: HardwareCommand | undefined;
  private disposed = false;

  constructor(
    private readonly hardware: Hardware,
    private readonly gapMs: number,
    private readonly keepalive?: KeepalivePolicy,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    if (keepalive) {
      this.keepaliveTimer = setInterval(() => this.tickKeepalive(), keepalive.intervalMs);
      (this.keepaliveTimer as { unref?: () => void }).unref?.();
    }
  }

  push(key: string, commands: HardwareCommand[]): Promise<void> {
    if (this.disposed) return Promise.reject(gone());
    if (commands.length === 0) return Promise.resolve();
    if (this.gapMs <= 0) return this.enqueue(commands);
    const incoming: Pending[] = commands.map((command) =>
      command.kind === 'write' ? { command, ids: command.ids ?? [key] } : { command },
    );
    const replaced = new Set(incoming.flatMap((p) => p.ids ?? []));
    // Commands of one push never replace each other: a protocol may send several writes at once.
    this.pending = this.pending.filter((p) => !p.ids?.some((id) => replaced.has(id)));
    this.pending.push(...incoming);
    this.schedule();
    return Promise.resolve();
  }

  /** Sends everything still waiting now, ignoring the gap (shutdown must reach the toy). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0);
    if (batch.length) await this.enqueue(batch.map((p) => p.command)).catch(this.onError);
    await this.chain.catch(() => {});
  }

  dispose(): void {
    this.disposed = true;
    this.pending = [];
    if (this.timer) clearTimeout(this.timer);
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = this.pending.splice(0);
      this.enqueue(batch.map((p) => p.command)).catch(this.onError);
    }, this.gapMs);
  }

  private enqueue(commands: HardwareCommand[]): Promise<void> {
    const run = this.chain.then(() => this.execute(commands));
    this.chain = run.catch(() => {});
    return run;
  }

  private async execute(commands: HardwareCommand[]): Promise<void> {
    for (const c of commands) {
      if (this.disposed) throw gone();
      try {
        if (c.kind === 'write') {
          await this.hardware.write(c.endpoint, c.data, c.withResponse);
          this.lastWrite = c;
        } else if (c.kind === 'subscribe') await this.hardware.subscribe(c.endpoint);
        else await this.hardware.unsubscribe(c.endpoint);
      } catch (err) {
        throw err instanceof PlugkitError
          ? err
          : new PlugkitError(
              'ERROR_DEVICE',
              'DeviceCommunicationError',
              `Could not talk to the device: ${(err as Error).message}`,
            );
      } finally {
        this.lastWriteAt = Date.now();
      }
    }
  }

  private tickKeepalive(): void {
    if (!this.keepalive || this.disposed) return;
    if (Date.now() - this.lastWriteAt < this.keepalive.intervalMs - 5) return;
    const fixed = this.keepalive.packet;
    const packet = typeof fixed === 'function' ? fixed() : (fixed ?? this.lastWrite);
    if (packet) this.enqueue([packet]).catch(this.onError);
  }
}

const gone = () =>
  new PlugkitError(
    'ERROR_DEVICE',
    'DeviceNotAvailable',
    'The device was removed; its commands were dropped.',
  );
