import type { Readable } from 'node:stream';
import { watchParent } from './parent-watch.js';

/** Options of {@link watchLifeline}. */
export interface LifelineOptions {
  /** Exit when this stream ends (the game closed our stdin, or died); e.g. `process.stdin`. */
  stdin?: Readable;
  /**
   * Exit when this process is gone. `'parent'` watches our parent process; a number watches that
   * pid (for launchers that start the helper through a wrapper or cannot give it a pipe).
   */
  parent?: 'parent' | number;
  /** Parent poll interval in ms (default 250). */
  pollMs?: number;
}

/** A running lifeline watch. */
export interface Lifeline {
  /** Settles once, with the reason, when the game is gone. */
  readonly ended: Promise<string>;
  /** Stops watching and releases stdin so the process can exit. */
  dispose(): void;
}

/**
 * Watches what ties a helper process to its game: its stdin pipe and its parent process. Whichever
 * goes first settles {@link Lifeline.ended}; the caller then stops every toy and exits.
 */
export function watchLifeline(opts: LifelineOptions): Lifeline {
  const stops: (() => void)[] = [];
  let settle: (reason: string) => void = () => {};
  const ended = new Promise<string>((resolve) => {
    let done = false;
    settle = (reason) => {
      if (done) return;
      done = true;
      resolve(reason);
    };
  });
  const { stdin } = opts;
  if (stdin) {
    const onEnd = () => settle('stdin closed');
    // Data is read and dropped: only the end matters, and a full pipe must never block the game.
    const onData = () => {};
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('close', onEnd);
    stdin.once('error', onEnd);
    stdin.resume();
    stops.push(() => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('close', onEnd);
      stdin.off('error', onEnd);
      // A paused, destroyed stdin no longer holds the event loop open.
      stdin.pause();
      stdin.destroy();
    });
  }
  if (opts.parent !== undefined)
    stops.push(
      watchParent({
        ...(opts.parent === 'parent' ? {} : { pid: opts.parent }),
        ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
        onGone: settle,
      }),
    );
  return {
    ended,
    dispose: () => {
      for (const stop of stops.splice(0)) stop();
    },
  };
}
