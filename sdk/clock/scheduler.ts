import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';
import type { Clock, Timer } from './clock.js';

/** One scheduled RxJS action on a {@link Clock}; rescheduling replaces its pending timer. */
class ClockAction<T> extends Subscription implements SchedulerAction<T> {
  private timer: Timer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
  ) {
    super(() => this.timer?.cancel());
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.timer?.cancel();
    this.timer = this.clock.schedule(delay, () => {
      this.timer = undefined;
      if (!this.closed) this.work.call(this, state);
    });
    return this;
  }
}

/**
 * An RxJS scheduler driven by a {@link Clock}, so `timer`, `interval`, `debounceTime`… follow a
 * {@link VirtualClock} in tests and the wall clock otherwise.
 */
export function clockScheduler(clock: Clock): SchedulerLike {
  return {
    now: () => clock.now(),
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
      return new ClockAction<T>(clock, work).schedule(state, delay);
    },
  };
}
