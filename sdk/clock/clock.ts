/**
 * Time for the client, the server and the haptics engine. Everything that waits, paces or
 * timestamps asks a {@link Clock}, so tests can swap the wall clock for a {@link VirtualClock}.
 */

/** A scheduled task; `cancel()` is safe to call more than once and after it ran. */
export interface Timer {
  cancel(): void;
}

/** Options of {@link Clock.schedule} and {@link Clock.repeat}. */
export interface ScheduleOptions {
  /**
   * A background task does not keep a Node process alive on its own (keepalive timers,
   * watchdogs). Ignored where the runtime has no such notion. Default: false.
   */
  background?: boolean;
}

/** Milliseconds now, and tasks to run later. */
export interface Clock {
  /** Milliseconds since the Unix epoch (the real clock) or since the virtual clock's start. */
  now(): number;
  /** Runs `task` once after `delayMs` (clamped to ≥ 0). */
  schedule(delayMs: number, task: () => void, options?: ScheduleOptions): Timer;
  /** Runs `task` every `intervalMs` (clamped to ≥ 1) until cancelled. */
  repeat(intervalMs: number, task: () => void, options?: ScheduleOptions): Timer;
}

type Handle = ReturnType<typeof setTimeout>;
const unref = (h: Handle, options?: ScheduleOptions): void => {
  if (options?.background) (h as { unref?: () => void }).unref?.();
};

const perf = (globalThis as { performance?: { now(): number; timeOrigin?: number } }).performance;

/**
 * The wall clock: the runtime's timers, and `now()` from the monotonic `performance` clock
 * (anchored to the epoch) where the runtime has one, `Date.now()` otherwise.
 */
export const realClock: Clock = {
  now: perf && typeof perf.timeOrigin === 'number' ? () => perf.timeOrigin! + perf.now() : () => Date.now(),
  schedule(delayMs, task, options) {
    const h = setTimeout(task, Math.max(0, delayMs));
    unref(h, options);
    return { cancel: () => clearTimeout(h) };
  },
  repeat(intervalMs, task, options) {
    const h = setInterval(task, Math.max(1, intervalMs));
    unref(h, options);
    return { cancel: () => clearInterval(h) };
  },
};

interface Entry {
  due: number;
  seq: number;
  task: () => void;
  /** Set for repeating entries: re-armed after each run. */
  interval?: number;
  cancelled: boolean;
}

/**
 * A clock that moves only when told. Due tasks run in time order (ties in scheduling order),
 * with `now()` set to each task's due time while it runs; tasks scheduled meanwhile that fall
 * inside the advanced window run in the same call.
 */
export class VirtualClock implements Clock {
  private time: number;
  private seq = 0;
  private entries: Entry[] = [];

  /** @param start the initial `now()` in ms (default 0). */
  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(delayMs: number, task: () => void): Timer {
    return this.add(this.time + Math.max(0, delayMs), task);
  }

  repeat(intervalMs: number, task: () => void): Timer {
    const interval = Math.max(1, intervalMs);
    return this.add(this.time + interval, task, interval);
  }

  /** Number of tasks waiting to run. */
  get pending(): number {
    return this.entries.filter((e) => !e.cancelled).length;
  }

  /** When the next task is due, or undefined if none waits. */
  nextDueAt(): number | undefined {
    let best: number | undefined;
    for (const e of this.entries) if (!e.cancelled && (best === undefined || e.due < best)) best = e.due;
    return best;
  }

  /**
   * Moves time forward by `ms`, running every task that falls due, in order. Synchronous: a
   * promise chain a task starts settles only after this returns; use {@link advanceAsync} when
   * the code under test awaits between timers.
   */
  advance(ms: number): void {
    const end = this.time + Math.max(0, ms);
    for (let e = this.takeDue(end); e; e = this.takeDue(end)) this.run(e);
    this.time = end;
  }

  /**
   * Like {@link advance}, but lets pending promise callbacks settle before and after each task,
   * so async code that schedules its next timer after an `await` is followed faithfully.
   */
  async advanceAsync(ms: number): Promise<void> {
    const end = this.time + Math.max(0, ms);
    await settle();
    for (let e = this.takeDue(end); e; e = this.takeDue(end)) {
      this.run(e);
      await settle();
    }
    this.time = end;
    await settle();
  }

  /**
   * Runs tasks until none is left, at most `limit` of them (default 10,000), so a forever
   * repeating task cannot hang a test. Returns how many ran.
   */
  runAll(limit = 10_000): number {
    let n = 0;
    for (let e = this.takeDue(Infinity); e && n < limit; e = this.takeDue(Infinity), n++) this.run(e);
    return n;
  }

  private add(due: number, task: () => void, interval?: number): Timer {
    const entry: Entry = { due, seq: this.seq++, task, cancelled: false };
    if (interval !== undefined) entry.interval = interval;
    this.entries.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** The earliest live task due at or before `end` (ties: scheduling order). */
  private takeDue(end: number): Entry | undefined {
    this.entries = this.entries.filter((e) => !e.cancelled);
    let best: Entry | undefined;
    for (const e of this.entries)
      if (e.due <= end && (!best || e.due < best.due || (e.due === best.due && e.seq < best.seq))) best = e;
    return best;
  }

  private run(e: Entry): void {
    this.time = Math.max(this.time, e.due);
    if (e.interval !== undefined) {
      e.due += e.interval;
      e.seq = this.seq++;
    } else e.cancelled = true;
    e.task();
  }
}

/** Lets queued promise callbacks run: a real macrotask turn flushes every microtask. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
