import type { Subscription } from 'rxjs';
import type { Protocol } from '../../server-embedded/index.js';

/**
 * A stand-in for the KGoal Boost protocol (not part of plugkit yet): pressure arrives as
 * notifications on `rxpressure` (little-endian u16) once subscribed. The device definition,
 * including the battery on the generic `rxblebattery` endpoint, comes from the built-in database.
 */
export const pressureProtocol: Protocol = {
  name: 'kgoal-boost',
  create: (ctx) => {
    let sub: Subscription | undefined;
    return {
      async subscribeInput(featureIndex) {
        await ctx.hardware.subscribe('rxpressure');
        sub ??= ctx.hardware.notification$.subscribe((n) => {
          if (n.endpoint === 'rxpressure')
            ctx.emitReading(featureIndex, 'Pressure', n.data[0]! | (n.data[1]! << 8));
        });
      },
      async unsubscribeInput() {
        sub?.unsubscribe();
        sub = undefined;
        await ctx.hardware.unsubscribe('rxpressure');
      },
      dispose: () => sub?.unsubscribe(),
    };
  },
};
