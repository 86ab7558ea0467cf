/** A running game for the tests: an engine ticking at ~60 fps, its signals collected. */
import { until } from '../../support/until.js';
import type { GameEngine } from './stand-in/engines.js';

export class Game {
  readonly signals: unknown[][] = [];
  readonly tickErrors: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly engine: GameEngine) {}

  /** Boots the node with these exported properties and starts the frame loop. */
  start(props: Record<string, unknown>): { exports: string[]; signals: string[] } {
    const info = this.engine.boot(props);
    this.timer = setInterval(() => {
      try {
        this.engine.tick();
        this.signals.push(...this.engine.takeSignals());
      } catch (err) {
        this.tickErrors.push((err as Error).message);
      }
    }, 16);
    return info;
  }

  /** Calls a method of the node (between frames, as Godot would). */
  call(method: string, ...args: unknown[]): unknown {
    const result = this.engine.call(method, ...args);
    this.signals.push(...this.engine.takeSignals());
    return result;
  }

  /** The arguments of the first `name` signal at or after `from`, waiting for it. */
  async signal(name: string, from = 0, timeoutMs = 10_000): Promise<unknown[]> {
    const find = () => this.signals.slice(from).find((s) => s[0] === name);
    await until(() => find() !== undefined || this.tickErrors.length > 0, `the ${name} signal`, timeoutMs);
    if (this.tickErrors.length) throw new Error(`a frame failed: ${this.tickErrors[0]}`);
    return find()!.slice(1);
  }

  /** Stops the frame loop and quits the node (_exit_tree), as Godot does when the game closes. */
  quit(): void {
    this.stop();
    this.engine.quit();
    this.signals.push(...this.engine.takeSignals());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
