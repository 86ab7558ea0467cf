import { ReplaySubject, Subject } from 'rxjs';
import type { TransportConnection } from './types.js';

/** The other end of an in-memory pipe, as a server sees it. */
export interface PipeEnd {
  send(frame: string): void;
  close(reason?: string): void;
  readonly frame$: Subject<string>;
  readonly closed$: ReplaySubject<string>;
}

/**
 * An in-memory pipe between a client and a server in the same process. Frames are delivered
 * asynchronously (microtask), like a socket, so neither side re-enters the other.
 */
export function createPipe(): { client: TransportConnection; server: PipeEnd } {
  const toClient = new Subject<string>();
  const toServer = new Subject<string>();
  const closed = new ReplaySubject<string>(1);
  let open = true;
  const shut = (reason: string) => {
    if (!open) return;
    open = false;
    closed.next(reason);
    closed.complete();
    toClient.complete();
    toServer.complete();
  };
  const deliver = (to: Subject<string>, frame: string) => {
    if (!open) return;
    queueMicrotask(() => open && to.next(frame));
  };
  return {
    client: {
      send: (frame) => deliver(toServer, frame),
      frame$: toClient.asObservable(),
      closed$: closed.asObservable(),
      close: () => shut('closed by the client'),
    },
    server: {
      send: (frame) => deliver(toClient, frame),
      close: (reason = 'closed by the server') => shut(reason),
      frame$: toServer,
      closed$: closed,
    },
  };
}
